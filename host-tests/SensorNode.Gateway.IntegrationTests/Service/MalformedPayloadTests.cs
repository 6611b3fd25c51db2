using System.Text;
using SensorNode.Cli;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>(c) Malformed state payloads from an independent client (mosquitto_pub) are dead-lettered; the gateway carries on.</summary>
public class MalformedPayloadTests
{
    [RequiresMosquittoFact]
    public async Task MalformedPayloads_AreDeadLetteredWithReasons_ReplaysCountAsDuplicates_ValidOnesAreStored()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        GatewayService gateway = await harness.StartGatewayAsync(harness.Options("gw-c"), store);
        const string topic = "sensornode/node-c/state";
        long past = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;
        byte[] first = SenmlPacks.Encode("node-c", 1, 1, past);
        string firstText = Encoding.ASCII.GetString(first);

        var sends = new (byte[] Payload, string? ExpectedReason)[]
        {
            (first, null),
            (first[..(first.Length / 2)], "not JSON"),                                                       // truncated
            ("""[{"bn":"urn:dev:sensornode:node-c:","n":"seq","v":"3"}]"""u8.ToArray(), "string"),            // wrong type
            (Encoding.ASCII.GetBytes("[" + new string(' ', 70_000) + "]"), "exceeds"),                         // huge
            (Encoding.ASCII.GetBytes(firstText.Replace("\"Cel\"", "\"K\"")), "unit"), // wrong unit
            // A time in the future is retryable, not dead-lettered: RetryableRejectionTests.
            (first, null),                                                                                     // replay of seq 1
            (SenmlPacks.Encode("node-x", 6, 1, past), "node-x"),                                               // another node's bn
            (SenmlPacks.Encode("node-c", 2, 1, past), null),
        };
        foreach ((byte[] payload, _) in sends) MosquittoClients.Publish(harness.Port, topic, payload);

        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Acknowledged >= sends.Length, 15_000), gateway.Counters.ToString());
        string[] expected = sends.Where(s => s.ExpectedReason != null).Select(s => s.ExpectedReason!).ToArray();
        Assert.Equal(expected.Length, gateway.Counters.DeadLettered);
        Assert.Equal(expected.Length, store.DeadLetterCount());
        var reasons = store.DeadLetters().Select(d => d.Reason).ToArray();
        Assert.All(expected, fragment => Assert.Contains(reasons, reason => reason.Contains(fragment, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(1, gateway.Counters.Duplicates);                                          // the replay
        Assert.Equal(new uint[] { 1, 2 }, store.Query("node-c").Select(r => r.Sequence).OrderBy(s => s));
        Assert.Empty(store.Query("node-x"));
        Assert.True(gateway.IsConnected);
    }
}
