using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Flash;

/// <summary>
/// Records every nanoff step run; answers each with <paramref name="answer"/> (exit 0, no output, when null) and every
/// `nanoff --version` query with <see cref="VersionOutput"/> (counted in <see cref="VersionQueries"/>, not in <see cref="Calls"/>).
/// The answer function runs while the call's files still exist, so it may read them.
/// </summary>
internal sealed class FakeProcessRunner(Func<string[], ProcessResult>? answer = null) : IProcessRunner
{
    /// <summary>Answers the calls in order with <paramref name="script"/>, then with exit 0 and no output.</summary>
    public FakeProcessRunner(params ProcessResult[] script) : this(Scripted(script)) { }

    public List<(string Program, string[] Arguments)> Calls { get; } = new();

    public string VersionOutput { get; set; } = "nanoff 2.5.162+5ec221f455";

    public int VersionQueries { get; private set; }

    public ProcessResult Run(string program, IReadOnlyList<string> arguments, TextWriter live)
    {
        if (arguments is ["--version"])
        {
            VersionQueries++;
            return new ProcessResult(0, VersionOutput);
        }
        string[] args = arguments.ToArray();
        Calls.Add((program, args));
        ProcessResult result = answer?.Invoke(args) ?? new ProcessResult(0, "");
        live.Write(result.Output);
        return result;
    }

    private static Func<string[], ProcessResult> Scripted(ProcessResult[] script)
    {
        var queue = new Queue<ProcessResult>(script);
        return _ => queue.Count > 0 ? queue.Dequeue() : new ProcessResult(0, "");
    }
}
