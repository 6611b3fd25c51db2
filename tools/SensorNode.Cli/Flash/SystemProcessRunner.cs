using System.Diagnostics;
using System.Text;

namespace SensorNode.Cli;

/// <summary>Runs programs with <see cref="Process"/>, arguments as an argument list (never one shell string).</summary>
internal sealed class SystemProcessRunner : IProcessRunner
{
    public ProcessResult Run(string program, IReadOnlyList<string> arguments, TextWriter live)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var captured = new StringBuilder();
        var gate = new object();
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data == null) return;
            lock (gate)
            {
                captured.AppendLine(e.Data);
                live.WriteLine(e.Data);
            }
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit(); // also waits for the redirected streams to drain
        lock (gate) return new ProcessResult(process.ExitCode, captured.ToString());
    }
}
