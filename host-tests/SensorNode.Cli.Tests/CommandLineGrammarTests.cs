using System.CommandLine;
using SensorNode.Cli;
using SensorNode.Simulation.Environment;

namespace SensorNode.Cli.Tests;

/// <summary>
/// The one grammar (issue 11): help on every command, usage errors in two lines with exit 2, and --days a number of
/// days in every command that has it, with ranges spelled --test-days/--train-days.
/// </summary>
public sealed class CommandLineGrammarTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-grammar-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>Every command path of the program: "simulate", "gateway brick", ...</summary>
    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string prefix)
        {
            foreach (Command sub in command.Subcommands)
            {
                string path = (prefix + " " + sub.Name).Trim();
                data.Add(path);
                Walk(sub, path);
            }
        }
        Walk(CommandLine.Root(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void EveryCommand_AnswersShortAndLongHelp_WithItsUsage(string path)
    {
        foreach (string help in new[] { "-h", "--help" })
        {
            var (code, stdout, stderr) = CliRun.Dispatch([.. path.Split(' '), help]);
            Assert.Equal(CommandLine.Ok, code);
            // The usage line names the program (sensornode; the test host's name here) and the command's path.
            Assert.Matches(@"Usage:\n  \S+ " + path + " ", stdout.ReplaceLineEndings("\n"));
            Assert.Equal("", stderr);
        }
    }

    [Fact]
    public void HelpCommand_IsTheSameAsTheHelpOption()
    {
        Assert.Equal(CliRun.Dispatch("simulate", "--help").Out, CliRun.Dispatch("help", "simulate").Out);
        var (code, stdout, _) = CliRun.Dispatch("help");
        Assert.Equal(CommandLine.Ok, code);
        foreach (string command in new[] { "simulate", "evaluate", "sweep", "gateway", "flash" }) Assert.Contains(command, stdout);
    }

    [Fact]
    public void CommandsListInOneLineEach_AndTheirHelpCarriesTheDetails()
    {
        string list = CliRun.Dispatch("--help").Out;
        Assert.DoesNotContain("Details:", list);
        foreach (Command command in CommandLine.Root().Subcommands)
            Assert.DoesNotContain('\n', command.Description ?? "");

        string flash = CliRun.Dispatch("flash", "-h").Out;
        Assert.Contains("Details:", flash);
        Assert.Contains("3. deploy the application image at [board] deploy_address", flash);
        Assert.Contains("--dry-run", flash);
    }

    [Fact]
    public void NoCommand_IsAUsageErrorOnStandardError()
    {
        var (code, stdout, stderr) = CliRun.Dispatch();
        Assert.Equal(CommandLine.Usage, code);
        Assert.Equal("", stdout);
        string[] lines = Lines(stderr);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("sensornode: a command is required (simulate, bench, ", lines[0]);
        Assert.Equal("run 'sensornode --help' for the options", lines[1]);
    }

    [Theory]
    [InlineData("sensornode simulate: Unrecognized command or argument '--bogus'.", "simulate", "--bogus")]
    [InlineData("sensornode simulate: Option '--seed' expects a single argument but 2 were provided.", "simulate", "--seed", "1", "--seed", "2")]
    [InlineData("sensornode simulate: Required argument missing for option: '--nodes'.", "simulate", "--nodes")]
    [InlineData("sensornode simulate: --nodes: expected an integer 1..100000, got '0'", "simulate", "--nodes", "0")]
    [InlineData("sensornode simulate: --environment: expected office, corridor, window-side, got 'cellar'", "simulate", "--environment", "cellar")]
    [InlineData("sensornode gateway brick: Option '--building' is required.", "gateway", "brick", "--db", "x.db")]
    [InlineData("sensornode policy show: Required argument missing for command: 'show'.", "policy", "show")]
    [InlineData("sensornode evaluate: give --days N or --test-days A..B, not both", "evaluate", "--days", "3", "--test-days", "0..2")]
    [InlineData("sensornode faults simulate: --faults is now --hvac-faults K (--faults is the injected device faults in simulate)", "faults", "simulate", "--faults", "3", "--db", "x.db")]
    [InlineData("sensornode faults evaluate: --rooms is now --room-count N (--rooms is a node-to-room map in gateway)", "faults", "evaluate", "--rooms", "8")]
    [InlineData("sensornode gateway brick: --faults is now --findings FILE (--faults is the injected device faults in simulate)", "gateway", "brick", "--db", "x.db", "--building", "B", "--faults", "f.json")]
    public void UsageErrors_AreTwoLines_NamingTheCommandAndItsHelp(string first, params string[] args)
    {
        var (code, _, stderr) = CliRun.Dispatch(args);
        Assert.Equal(CommandLine.Usage, code);
        string command = first[..first.IndexOf(':')];
        Assert.Equal([first, $"run '{command} --help' for the options"], Lines(stderr));
    }

    [Fact]
    public void AnUnexpectedErrorInAnAction_IsOneLineNamingTheCommand_NotAStackTrace()
    {
        var root = new RootCommand { new Command("boom").With(_ => throw new InvalidOperationException("broken\nsecond line")) };
        var error = new StringWriter();

        int code = CommandLine.Dispatch(root, ["boom"], new StringWriter(), error);

        Assert.Equal(CommandLine.Failed, code);
        string line = Assert.Single(Lines(error.ToString()));
        Assert.StartsWith("sensornode boom: unexpected error: InvalidOperationException: broken second line", line);
    }

    [Fact]
    public void FailuresAndUsageErrorsThrownByAnAction_KeepTheirExitCodes()
    {
        var root = new RootCommand
        {
            new Command("fail").With(_ => throw new CommandFailedException("--out /x: cannot write there")),
            new Command("usage").With(_ => throw new UsageException("give --trace or --environment, not both")),
        };
        var error = new StringWriter();
        Assert.Equal(CommandLine.Failed, CommandLine.Dispatch(root, ["fail"], new StringWriter(), error));
        Assert.Equal(["sensornode fail: --out /x: cannot write there"], Lines(error.ToString()));
        error = new StringWriter();
        Assert.Equal(CommandLine.Usage, CommandLine.Dispatch(root, ["usage"], new StringWriter(), error));
        Assert.Equal(["sensornode usage: give --trace or --environment, not both", "run 'sensornode usage --help' for the options"], Lines(error.ToString()));
    }

    [Theory]
    [InlineData("simulate --environment ", "corridor", "window-side")]
    [InlineData("sweep --figure boot_", "boot_milliseconds", "boot_associate_milliamps")]
    [InlineData("gateway b", "brick", "bench")]
    public void Completions_ComeFromTheGrammar(string line, params string[] expected)
    {
        var (code, stdout, _) = CliRun.Dispatch($"[suggest:{line.Length}]", line);
        Assert.Equal(CommandLine.Ok, code);
        string[] offered = Lines(stdout);
        foreach (string word in expected) Assert.Contains(word, offered);
    }

    [Fact]
    public void ValuesMayFollowAnEqualsSign()
    {
        var (code, stdout, _) = CliRun.Dispatch("policy", "assess", "built-in", "--environment=corridor", "--days=2", "--start-volts=4.0");
        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("| corridor-seed31 | 4.0 V |", stdout);
    }

    /// <summary>
    /// Options that may differ in their value's form across commands while meaning the same thing: where a command
    /// writes (a folder or a file), a time bound (a date, or a date-time), the faults to inject (the simulator's
    /// device-fault rates, or soak's drills).
    /// </summary>
    private static readonly string[] SameMeaningOtherForm = ["--out", "--from", "--to", "--faults"];

    [Fact]
    public void AnOptionName_TakesTheSameKindOfValue_InEveryCommand()
    {
        var kinds = new Dictionary<string, HashSet<string>>();
        void Walk(Command command, string path)
        {
            foreach (Option o in command.Options.Where(o => !o.Hidden && o.Name is not ("--help" or "--version")))
            {
                if (!kinds.TryGetValue(o.Name, out var set)) kinds[o.Name] = set = [];
                set.Add($"{o.ValueType.Name} {o.HelpName}");
            }
            foreach (Command sub in command.Subcommands) Walk(sub, path + " " + sub.Name);
        }
        Walk(CommandLine.Root(), "");
        string[] clashes = kinds.Where(k => k.Value.Count > 1 && !SameMeaningOtherForm.Contains(k.Key)).Select(k => $"{k.Key}: {string.Join(" / ", k.Value)}").ToArray();
        Assert.Empty(clashes);
    }

    [Fact]
    public void PolicyShow_TakesTheSameTablesAsAssess()
    {
        var (code, stdout, _) = CliRun.Dispatch("policy", "show", "built-in");
        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("(built-in)", stdout);
        (code, stdout, _) = CliRun.Dispatch("policy", "show", "fixed:2h");
        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("voltage critical", stdout);
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Days_IsANumberOfDays_InEveryCommandThatHasIt(string path)
    {
        Command command = Find(path);
        Option? days = command.Options.FirstOrDefault(o => o.Name == "--days");
        if (days == null) return;
        Assert.Equal(typeof(int), days.ValueType);
        var (code, _, stderr) = CliRun.Dispatch([.. path.Split(' '), "--days", "3..4"]);
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("--days takes a number of days (N); a range of days is now --test-days A..B", stderr);
    }

    [Fact]
    public void Days_CutsATraceToItsFirstNDays_AndTestDaysToARange_TheSameForEveryCommand()
    {
        string trace = FourDayTrace();
        EnvironmentTrace whole = TraceReader.Read(trace);
        Assert.Equal(4, whole.DayCount);

        EnvironmentTrace first2 = EnvironmentChoice.ReadTrace(trace, 2, null, "test-days");
        Assert.Equal(2, first2.DayCount);
        Assert.Equal(whole.FirstDayStartUnixSeconds, first2.FirstDayStartUnixSeconds);

        EnvironmentTrace days1to2 = EnvironmentChoice.ReadTrace(trace, null, new DayRange(1, 2), "test-days");
        Assert.Equal(2, days1to2.DayCount);
        Assert.Equal(whole.FirstDayStartUnixSeconds + 86_400, days1to2.FirstDayStartUnixSeconds);

        var e = Assert.Throws<UsageException>(() => EnvironmentChoice.ReadTrace(trace, null, new DayRange(4, 6), "train-days"));
        Assert.Contains("--train-days 4..6: ", e.Message);
        Assert.Contains("has only 4 days (0..3)", e.Message);
    }

    [Fact]
    public void AssessWithDays_RunsTheFirstNDays_AsSimulateDoes()
    {
        string trace = FourDayTrace();
        var (code, stdout, stderr) = CliRun.Dispatch("policy", "assess", "built-in", "--trace", trace, "--days", "2", "--start-volts", "4.0");
        Assert.Equal(CommandLine.Ok, code);
        // `assess --days 2` once meant day 2 alone: the run says what it does now.
        Assert.Equal("note: --days 2 = the first 2 day(s) of each trace; day 2 alone is --test-days 2..2", stderr.Trim());
        int events = TraceReader.Read(trace).Slice(0, 1).MotionEventUnixSeconds.Length;
        Assert.Contains($"/ {events} (", stdout);
    }

    private string FourDayTrace()
    {
        string path = Path.Combine(_dir, "four-days.csv");
        var lines = new List<string> { "timestamp,lux,pir" };
        for (int minute = 0; minute < 4 * 1440; minute += 10)
            lines.Add($"{1727654400 + minute * 60},{(minute % 1440 > 480 && minute % 1440 < 1080 ? 400 : 5)},{(minute % (60 + 30 * (minute / 1440)) == 0 ? 1 : 0)}");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static Command Find(string path)
    {
        Command command = CommandLine.Root();
        foreach (string name in path.Split(' ')) command = command.Subcommands.Single(c => c.Name == name);
        return command;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
