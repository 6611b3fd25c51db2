namespace SensorNode.Cli.Tests;

/// <summary>Runs `sensornode` in-process as a user would, capturing both streams.</summary>
internal static class CliRun
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Dispatch(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
