using SensorNode.Gateway;

namespace SensorNode.Cli.Tests.Gateway;

/// <summary>`gateway replay` asked about something the store does not hold.</summary>
public sealed class GatewayStoreCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-gwstore-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Store()
    {
        string db = Path.Combine(_dir, "gateway.db");
        using ReadingStore store = ReadingStore.Open(db);
        store.SetRoom("node-01", "office");
        return db;
    }

    [Fact]
    public void Replay_AnIdThatIsNotThere_Fails_InsteadOfReplayingNothing()
    {
        string db = Store();

        var (code, output, error) = CliRun.Dispatch("gateway", "replay", "--db", db, "--id", "999");

        Assert.Equal(CommandLine.Failed, code); // was "replayed 0 dead letter(s)", exit 0
        Assert.Equal($"sensornode gateway replay: --id 999: no such dead letter in {db} (0 dead letter(s) there)", error.Trim());
        Assert.Equal("", output);
    }
}
