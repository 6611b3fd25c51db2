namespace SensorNode.Cli.Tests.Gateway;

/// <summary>`gateway --rooms FILE`: every row is applied as written, or the run stops at the first bad one with its line.</summary>
public sealed class GatewayRoomsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-rooms-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Rooms(params string[] lines)
    {
        string path = Path.Combine(_dir, "rooms.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void ReadRooms_HeaderCommentsAndQuotedComma_AreRead()
    {
        string path = Rooms("\uFEFFnode_id, room", "# ground floor", "", "n-1,kitchen", "n-2,\"Room 1, east\"");

        Assert.Equal(new[] { ("n-1", "kitchen"), ("n-2", "Room 1, east") }, GatewayCommand.ReadRooms(path));
    }

    [Theory]
    [InlineData("n-1,kitchen|n-1,office", ":2: node n-1 is already given a room on line 1")]
    [InlineData("Node 1,kitchen", ":1: node id 'Node 1': expected 1..32 characters")]
    [InlineData("n-1,kitchen,2", ":1: expected node_id,room, got 'n-1,kitchen,2' (a room name with a comma is quoted")]
    [InlineData("n-1,\"\"", ":1: node n-1: the room is empty")]
    [InlineData("n-1,kitchen|node_id,room", ":2: node id 'node_id'")]
    public void ReadRooms_BadRow_IsAnErrorWithItsLine(string lines, string expected)
    {
        string path = Rooms(lines.Split('|'));

        var error = Assert.Throws<UsageException>(() => GatewayCommand.ReadRooms(path));

        Assert.Contains($"--rooms {path}{expected}", error.Message);
    }

    [Fact]
    public void Gateway_BadRoomsFile_FailsBeforeCreatingTheDatabase()
    {
        string db = Path.Combine(_dir, "new.db");
        string rooms = Rooms("n-1,kitchen", "n-1,office");

        (int code, _, string err) = CliRun.Dispatch("gateway", "--broker", "mqtt://127.0.0.1:1", "--db", db, "--rooms", rooms);

        Assert.Equal(2, code);
        Assert.Contains(":2: node n-1 is already given a room on line 1", err);
        Assert.False(File.Exists(db));
    }
}
