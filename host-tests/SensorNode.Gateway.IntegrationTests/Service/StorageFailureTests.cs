using Microsoft.Data.Sqlite;
using SensorNode.Cli;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>
/// Issue 10, item 5: storage failures surface. A store that cannot write (a full disk: SQLite's max_page_count) is
/// counted, backed off, and after a bounded number of failures in a row the gateway gives up naming the file, while the
/// broker keeps every unacknowledged message for the next run. Unusable files fail at open with one line.
/// </summary>
public class StorageFailureTests
{
    [RequiresMosquittoFact]
    public async Task FullDisk_CountsFailedBatches_GivesUpAfterTheLimit_AndTheNextRunStoresEverything()
    {
        await using var harness = new GatewayHarness();
        ReadingStore full = harness.OpenStore();
        full.LimitPages(1); // the file cannot grow (the cap cannot go below its size): SQLITE_FULL, as on a full disk
        GatewayOptions options = harness.Options("gw-full") with { MaxConsecutiveStoreFailures = 3, StoreRetryBaseMilliseconds = 50 };
        GatewayService gateway = await harness.StartGatewayAsync(options, full);

        // More than the free space in the file's pages: some batch needs a new page, which the cap refuses.
        const int messages = 100;
        await using (QosPublisher publisher = await QosPublisher.ConnectAsync("127.0.0.1", harness.Port, "pub-full"))
        {
            var acks = new List<Task<bool>>();
            for (int m = 0; m < messages; m++)
                acks.Add(await publisher.StartPublishAsync("sensornode/node-d/state", SenmlPacks.Encode("node-d", (uint)(1 + m * 8), 8, 1_767_225_600)));
            Assert.All(await Task.WhenAll(acks), Assert.True);
        }

        Task finished = await Task.WhenAny(gateway.Failed, Task.Delay(30_000));
        Assert.True(finished == gateway.Failed, $"the gateway never gave up: {gateway.Counters}");
        Assert.Contains("full", await gateway.Failed);
        // The limit is 3 failures in a row: a smaller redelivered batch may still fit the file's free space between
        // failures (seen once in CI: 4 failed in all), which resets the count.
        Assert.Contains("failed 3 batches in a row", await gateway.Failed);
        Assert.InRange(gateway.Counters.FailedBatches, 3, 100);
        Assert.Contains($"failed-batches {gateway.Counters.FailedBatches}", gateway.Counters.ToString());
        Assert.True(full.ReadingCount() < messages * 8, "the cap did not bite");
        await gateway.StopAsync();

        // Space is back: a new run on the same client id gets everything from the broker.
        ReadingStore healthy = harness.OpenStore();
        GatewayService next = await harness.StartGatewayAsync(harness.Options("gw-full"), healthy);
        Assert.True(GatewayHarness.WaitUntil(() => healthy.ReadingCount() == messages * 8, 15_000), $"{healthy.ReadingCount()} of {messages * 8}; {next.Counters}");
    }

    [Fact]
    public void Gateway_WithAnUnusableDatabase_ExitsWithOneLineNamingTheFile()
    {
        string folder = Directory.CreateTempSubdirectory("sensornode-gw-bad-db-").FullName;
        try
        {
            string garbage = Path.Combine(folder, "garbage.db");
            File.WriteAllText(garbage, new string('x', 8192));
            string damaged = Path.Combine(folder, "damaged.db");
            using (ReadingStore store = ReadingStore.Open(damaged))
            {
                for (uint s = 1; s <= 2000; s += 8)
                {
                    Assert.True(SenmlDecoder.TryDecode("sensornode/node-x/state", SenmlPacks.Encode("node-x", s, 8, 1_767_225_600), "sensornode", 1_767_225_600, out DecodedPack? pack, out string reason), reason);
                    store.Store(pack!, 0);
                }
            }
            SqliteConnection.ClearAllPools();
            using (FileStream file = File.Open(damaged, FileMode.Open))
            {
                file.Position = 4096 + 16; // page 2: the root of a table
                file.Write(new byte[512]);
            }
            foreach (string db in new[] { garbage, damaged, Path.Combine(folder, "missing", "g.db"), folder })
            {
                var output = new StringWriter();
                var error = new StringWriter();
                int code = GatewayCommand.Run(["--broker", "mqtt://127.0.0.1:1", "--db", db], output, error);
                Assert.Equal(CommandLine.Failed, code);
                string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Contains(db, line);
                Assert.DoesNotContain(" at ", line);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
