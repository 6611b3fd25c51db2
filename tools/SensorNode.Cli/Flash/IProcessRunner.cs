namespace SensorNode.Cli;

/// <summary>Runs an external program (nanoff); tests pass a fake that records the calls.</summary>
internal interface IProcessRunner
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> (each passed as one argument, no shell), writes its
    /// stdout and stderr lines to <paramref name="live"/> as they arrive, waits for it to exit, and returns the exit code and
    /// everything it printed.
    /// </summary>
    ProcessResult Run(string program, IReadOnlyList<string> arguments, TextWriter live);
}

/// <summary>How a program ended: its exit code (0 = success) and its stdout and stderr lines, interleaved.</summary>
internal sealed record ProcessResult(int ExitCode, string Output);
