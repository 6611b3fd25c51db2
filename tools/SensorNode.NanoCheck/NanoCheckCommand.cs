namespace SensorNode.NanoCheck;

/// <summary>
/// The command line: <c>nanocheck &lt;assembly.dll&gt; [more.dll...]</c>. Prints one line per violation and a
/// summary. Exit codes: 0 clean, 1 violations, 2 usage error or an unreadable file.
/// </summary>
public static class NanoCheckCommand
{
    /// <summary>All assemblies are clean.</summary>
    public const int ExitClean = 0;

    /// <summary>At least one violation.</summary>
    public const int ExitViolations = 1;

    /// <summary>Bad arguments, or a file could not be read (wins over <see cref="ExitViolations"/>).</summary>
    public const int ExitError = 2;

    private const string Usage =
        "usage: SensorNode.NanoCheck <assembly.dll> [more.dll...]\n" +
        "Checks that assemblies compiled against nanoFramework mscorlib 1.17 use nothing nanoCLR 1.x rejects\n" +
        "(generics, multi-dimensional arrays, assemblies other than mscorlib). See docs/nano-gate.md.";

    /// <summary>Runs the command; violations and the summary go to <paramref name="output"/>, errors to <paramref name="error"/>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 1 && args[0] is "-h" or "--help" or "-?")
        {
            output.WriteLine(Usage);
            return ExitClean;
        }

        var options = args.Where(a => a.StartsWith('-')).ToList();
        if (args.Count == 0 || options.Count > 0)
        {
            error.WriteLine(options.Count > 0 ? $"error: unknown option '{options[0]}'" : "error: no assembly given");
            error.WriteLine(Usage);
            return ExitError;
        }

        var violations = 0;
        var dirty = 0;
        var unreadable = 0;
        foreach (var path in args)
        {
            IReadOnlyList<Violation> found;
            try
            {
                found = NanoCompatibilityChecker.Check(path);
            }
            catch (UnreadableAssemblyException e)
            {
                error.WriteLine("error: " + e.Message);
                unreadable++;
                continue;
            }

            foreach (var violation in found)
            {
                output.WriteLine(violation);
            }

            violations += found.Count;
            dirty += found.Count > 0 ? 1 : 0;
        }

        var checkedCount = args.Count - unreadable;
        var assemblies = checkedCount == 1 ? "assembly" : "assemblies";
        var summary = violations == 0
            ? $"nanocheck: {checkedCount} {assemblies} checked, no violations"
            : $"nanocheck: {violations} violation(s) in {dirty} of {checkedCount} {assemblies} checked";
        if (unreadable > 0)
        {
            summary += $", {unreadable} unreadable";
        }

        output.WriteLine(violations > 0 ? summary + "; see docs/nano-gate.md" : summary);
        return unreadable > 0 ? ExitError : violations > 0 ? ExitViolations : ExitClean;
    }
}
