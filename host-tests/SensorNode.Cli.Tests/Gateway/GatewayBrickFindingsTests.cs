namespace SensorNode.Cli.Tests.Gateway;

/// <summary>
/// `gateway brick --findings FILE`: a missing, malformed or wrongly shaped faults.json fails in one line naming the file
/// and the line or field at fault, exit 1, no stack trace and no --out written; a good one marks its flagged rooms.
/// </summary>
public sealed class GatewayBrickFindingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-brick-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Good = """
        { "rooms": [ { "room": "r04", "node_id": "hq-r04", "flagged": true, "onset": "2024-11-07", "findings": ["too hot when occupied"], "drifts": false },
                     { "room": "r01", "node_id": "hq-r01", "flagged": false, "onset": null, "findings": [] } ] }
        """;

    private (int Code, string Out, string Err, string OutFile) Brick(string findings)
    {
        string db = Path.Combine(_dir, "g.db");
        if (!File.Exists(db))
        {
            using var store = SensorNode.Gateway.ReadingStore.Open(db);
            store.SetRoom("hq-r04", "r04");
        }
        string outFile = Path.Combine(_dir, "hq.ttl");
        var (code, output, error) = CliRun.Dispatch("gateway", "brick", "--db", db, "--building", "HQ", "--findings", findings, "--out", outFile);
        return (code, output, error, outFile);
    }

    private string Write(string text)
    {
        string path = Path.Combine(_dir, $"faults-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("{ \"rooms\": [\n  { \"flagged\": true,, }\n] }", "line 2: not JSON: ")]
    [InlineData("", "line 1: not JSON: ")]
    [InlineData("{ \"rooms\": [], \"rooms\": [] }", "rooms: given twice; which one counts?")]
    [InlineData("{ \"rooms\": [ { \"flagged\": false, \"flagged\": true } ] }", "rooms[0].flagged: given twice; which one counts?")]
    [InlineData("[ 1, 2 ]", "expected an object with the rooms (the faults.json of sensornode faults), got a list")]
    [InlineData("{ \"room\": [] }", "rooms: missing; is it the faults.json of sensornode faults?")]
    [InlineData("{ \"rooms\": { } }", "rooms: expected a list, got an object")]
    [InlineData("{ \"rooms\": [ 7 ] }", "rooms[0]: expected an object, got the number 7")]
    [InlineData("{ \"rooms\": [ { \"node_id\": \"a\" } ] }", "rooms[0].flagged: expected true or false, got nothing")]
    [InlineData("{ \"rooms\": [ { \"flagged\": false }, { \"flagged\": \"yes\" } ] }", "rooms[1].flagged: expected true or false, got the text 'yes'")]
    [InlineData("{ \"rooms\": [ { \"flagged\": true, \"onset\": \"2024-11-07\", \"findings\": [] } ] }", "rooms[0].node_id: a flagged room needs a text here, got nothing")]
    [InlineData("{ \"rooms\": [ { \"flagged\": true, \"node_id\": \"a\", \"onset\": null, \"findings\": [] } ] }", "rooms[0].onset: a flagged room needs a text here, got null")]
    [InlineData("{ \"rooms\": [ { \"flagged\": true, \"node_id\": \"a\", \"onset\": \"soon\", \"findings\": [] } ] }", "rooms[0].onset: expected a date yyyy-MM-dd, got 'soon'")]
    [InlineData("{ \"rooms\": [ { \"flagged\": true, \"node_id\": \"a\", \"onset\": \"2024-11-07\" } ] }", "rooms[0].findings: expected a list of texts, got nothing")]
    [InlineData("{ \"rooms\": [ { \"flagged\": true, \"node_id\": \"a\", \"onset\": \"2024-11-07\", \"findings\": [\"hot\", 3] } ] }", "rooms[0].findings[1]: expected a text, got the number 3")]
    [InlineData("{ \"rooms\": [ { \"flagged\": true, \"node_id\": \"a\", \"onset\": \"2024-11-07\", \"findings\": [], \"drifts\": 1 } ] }", "rooms[0].drifts: expected true or false, got the number 1")]
    public void Brick_BadFindingsFile_FailsInOneLine_NamingTheFileAndWhere(string json, string expected)
    {
        string path = Write(json);

        var (code, output, error, outFile) = Brick(path);

        Assert.Equal(CommandLine.Failed, code);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"sensornode gateway brick: --findings {path}: {expected}", line);
        Assert.DoesNotContain("Exception", line);
        Assert.Equal("", output);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public void Brick_MissingOrFolderFindings_FailsInOneLine()
    {
        string missing = Path.Combine(_dir, "nope.json");
        var (code, _, error, outFile) = Brick(missing);
        Assert.Equal(CommandLine.Failed, code);
        Assert.Equal($"sensornode gateway brick: --findings {missing}: not found (the faults.json that sensornode faults writes into its --out)", error.Trim());
        Assert.False(File.Exists(outFile));

        (code, _, error, _) = Brick(_dir);
        Assert.Equal(CommandLine.Failed, code);
        Assert.Equal($"sensornode gateway brick: --findings {_dir}: is a directory, not the faults.json of sensornode faults", error.Trim());
    }

    [Fact]
    public void Brick_GoodFindings_MarksTheFlaggedRoom()
    {
        var (code, _, error, outFile) = Brick(Write(Good));

        Assert.True(code == CommandLine.Ok, error);
        string turtle = File.ReadAllText(outFile);
        Assert.Contains("HVAC fault detector (sensornode faults): too hot when occupied, since 2024-11-07", turtle);
        Assert.Contains("Fault_Status", turtle);
    }
}
