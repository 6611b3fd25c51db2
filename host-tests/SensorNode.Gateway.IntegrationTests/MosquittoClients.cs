using SensorNode.Gateway.IntegrationTests.Tls;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests;

/// <summary>One message mosquitto_sub received: topic and UTF-8 payload.</summary>
public sealed record SubscribedMessage(string Topic, string Payload);

/// <summary>mosquitto_pub and mosquitto_sub as independent clients (code we did not write), bounded in time.</summary>
public static class MosquittoClients
{
    /// <summary>
    /// How long a test waits for a message that must arrive (the subscription ends at its arrival). The gateway publishes
    /// derived data (discovery, a room's state, commands) after it acknowledged the input, so waiting for the ack does not
    /// wait for it; on a loaded CI machine the gateway's continuations can lag by seconds (a 5 s wait once came up empty).
    /// </summary>
    public const int ArrivalSeconds = 30;

    // mosquitto_sub's exit code when its -W timeout ends the subscription (MOSQ_ERR_TIMEOUT).
    private const int SubscribeTimedOut = 27;

    /// <summary>Publishes <paramref name="payload"/> (read from stdin, any bytes and size) at QoS 1; throws when mosquitto_pub fails.</summary>
    public static void Publish(int port, string topic, byte[] payload, bool retain = false)
    {
        var arguments = new List<string> { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", topic, "-s" };
        if (retain) arguments.Add("-r");
        Run("mosquitto_pub", arguments, payload, timeoutMilliseconds: 10_000, out string stderr, out int exit);
        if (exit != 0) throw new InvalidOperationException($"mosquitto_pub to '{topic}' exited {exit}: {stderr}");
    }

    /// <summary>Publishes text.</summary>
    public static void Publish(int port, string topic, string payload, bool retain = false) => Publish(port, topic, Encoding.UTF8.GetBytes(payload), retain);

    /// <summary>
    /// Subscribes to <paramref name="filter"/> and returns what arrives (retained messages first) until
    /// <paramref name="count"/> messages or <paramref name="waitSeconds"/> seconds.
    /// </summary>
    public static IReadOnlyList<SubscribedMessage> Subscribe(int port, string filter, int count, int waitSeconds)
    {
        var arguments = new List<string>
        {
            // Topic, then the payload in hex: payloads may hold newlines (commands) or be empty (cleared retained).
            "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", filter, "-F", "%t %x",
            "-C", count.ToString(CultureInfo.InvariantCulture), "-W", waitSeconds.ToString(CultureInfo.InvariantCulture),
        };
        // mosquitto_sub exits 0 with the count reached and 27 at the -W timeout; anything else is a failure (a connection
        // that did not come up), not "no messages": retried, since what is subscribed here is retained, then reported.
        string stdout = "", stderr = "";
        int exit = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            stdout = Run("mosquitto_sub", arguments, null, (waitSeconds + 5) * 1000, out stderr, out exit);
            if (exit is 0 or SubscribeTimedOut) break;
            Thread.Sleep(200);
        }
        if (exit is not (0 or SubscribeTimedOut))
            throw new InvalidOperationException($"mosquitto_sub on '{filter}' exited {exit} three times: {stderr.Trim()}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Select(parts => new SubscribedMessage(parts[0], parts.Length > 1 ? Encoding.UTF8.GetString(Convert.FromHexString(parts[1].Trim())) : ""))
            .ToArray();
    }

    // One process runner for every external tool the tests drive (TlsMosquittoClients.Run).
    private static string Run(string name, List<string> arguments, byte[]? stdin, int timeoutMilliseconds, out string stderr, out int exitCode)
    {
        ToolRun run = TlsMosquittoClients.Run(name, arguments, stdin, timeoutMilliseconds);
        stderr = run.Error;
        exitCode = run.ExitCode;
        return run.Output;
    }
}
