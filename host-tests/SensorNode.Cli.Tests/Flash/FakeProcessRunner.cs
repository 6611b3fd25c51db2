using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Flash;

/// <summary>Records every program run; answers each call with the next scripted result (exit 0, no output, when the script runs out).</summary>
internal sealed class FakeProcessRunner(params ProcessResult[] script) : IProcessRunner
{
    private readonly Queue<ProcessResult> _script = new(script);

    public List<(string Program, string[] Arguments)> Calls { get; } = new();

    public ProcessResult Run(string program, IReadOnlyList<string> arguments, TextWriter live)
    {
        Calls.Add((program, arguments.ToArray()));
        ProcessResult result = _script.Count > 0 ? _script.Dequeue() : new ProcessResult(0, "");
        live.Write(result.Output);
        return result;
    }
}
