using SensorNode.Cli;

namespace SensorNode.Cli.Tests;

/// <summary>Runs <c>sensornode ARGS</c> in-process as a user would: exit code, standard output, standard error.</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) Dispatch(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Dispatch(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
