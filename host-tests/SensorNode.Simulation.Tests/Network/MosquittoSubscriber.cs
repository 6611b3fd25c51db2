using System.Diagnostics;
using System.Globalization;
using System.Text;
using SensorNode.Simulation.Network;

namespace SensorNode.Simulation.Tests.Network;

/// <summary>One message as mosquitto_sub -v printed it.</summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload)
{
    public string PayloadText => Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// mosquitto_sub as an independent client: it subscribes, prints what arrives with -v ("topic payload"), and exits
/// after <c>-C count</c> messages or <c>-W seconds</c>. The process is killed on dispose if still running.
/// </summary>
public sealed class MosquittoSubscriber : IDisposable
{
    private const int SubscribeTimeoutMilliseconds = 5000;

    private readonly Process _process;
    private readonly Task<byte[]> _stdout;
    private readonly int _waitSeconds;

    private MosquittoSubscriber(Process process, int waitSeconds)
    {
        _process = process;
        _waitSeconds = waitSeconds;
        _stdout = Task.Run(async () =>
        {
            using var buffer = new MemoryStream();
            await process.StandardOutput.BaseStream.CopyToAsync(buffer);
            return buffer.ToArray();
        });
    }

    /// <summary>
    /// Starts mosquitto_sub on <paramref name="topicFilter"/> and returns once the broker has its SUBSCRIBE, so a
    /// publish made afterwards reaches it.
    /// </summary>
    public static MosquittoSubscriber Start(MosquittoBroker broker, string topicFilter, int count, int waitSeconds)
    {
        string executable = MosquittoBroker.FindExecutable("mosquitto_sub") ?? throw new InvalidOperationException("mosquitto_sub not installed");
        string clientId = "sub-" + Guid.NewGuid().ToString("N")[..12];
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
                 {
                     "-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", topicFilter,
                     "-C", count.ToString(CultureInfo.InvariantCulture), "-v", "-W", waitSeconds.ToString(CultureInfo.InvariantCulture),
                     "-i", clientId,
                 })
        {
            start.ArgumentList.Add(argument);
        }
        var subscriber = new MosquittoSubscriber(Process.Start(start)!, waitSeconds);
        if (!broker.WaitForLog("Received SUBSCRIBE from " + clientId, SubscribeTimeoutMilliseconds))
        {
            subscriber.Dispose();
            throw new TimeoutException($"mosquitto_sub did not subscribe within {SubscribeTimeoutMilliseconds} ms; broker log: {broker.ReadLog()}");
        }
        return subscriber;
    }

    /// <summary>Waits for mosquitto_sub to exit (count reached, or -W expired) and returns what it printed, in order.</summary>
    public IReadOnlyList<ReceivedMessage> WaitForMessages()
    {
        if (!_process.WaitForExit((_waitSeconds + 3) * 1000))
        {
            _process.Kill();
        }
        byte[] output = _stdout.Wait(5000) ? _stdout.Result : Array.Empty<byte>();
        var messages = new List<ReceivedMessage>();
        int lineStart = 0;
        for (int i = 0; i < output.Length; i++)
        {
            if (output[i] != (byte)'\n')
            {
                continue;
            }
            int space = Array.IndexOf(output, (byte)' ', lineStart, i - lineStart);
            if (space < 0)
            {
                throw new InvalidDataException("mosquitto_sub -v line without a space: " + Encoding.UTF8.GetString(output, lineStart, i - lineStart));
            }
            messages.Add(new ReceivedMessage(Encoding.UTF8.GetString(output, lineStart, space - lineStart), output[(space + 1)..i]));
            lineStart = i + 1;
        }
        return messages;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
