using SensorNode.Gateway.Faults;
using Triple = SensorNode.Gateway.Tests.Export.TurtleSubsetParser.Triple;

namespace SensorNode.Gateway.Tests.Export;

public class BrickExporterTests
{
    private const string Brick = "https://brickschema.org/schema/Brick#";
    private const string Ref = "https://brickschema.org/schema/Brick/ref#";
    private const string Rec = "https://w3id.org/rec#";
    private const string Type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private const string Label = "http://www.w3.org/2000/01/rdf-schema#label";
    private const string Root = "urn:sensornode:HQ%20%22North%22:";
    private const string Comment = "http://www.w3.org/2000/01/rdf-schema#comment";

    private static readonly IReadOnlyList<NodeStatus> Nodes =
    [
        new("node-02", "Kitchen", 0, null, null, null, null, null),
        new("node-01", "Office 1.2", 0, null, null, null, null, null),
        new("spare", null, 0, null, null, null, null, null),
    ];

    private static List<Triple> Export() => TurtleSubsetParser.Parse(BrickExporter.ToTurtle(Nodes, "HQ \"North\"", "site/a"));

    [Fact]
    public void ToTurtle_IsWellFormed_AndEveryStatementEndsWithAPeriod()
    {
        string turtle = BrickExporter.ToTurtle(Nodes, "HQ \"North\"", "site/a");

        List<Triple> triples = TurtleSubsetParser.Parse(turtle);

        Assert.NotEmpty(triples);
        Assert.StartsWith("@prefix brick: <https://brickschema.org/schema/Brick#> .", turtle);
        Assert.All(turtle.Split("\n\n", StringSplitOptions.RemoveEmptyEntries), block => Assert.EndsWith(" .", block.TrimEnd()));
    }

    [Fact]
    public void ToTurtle_ModelsBuildingRoomsNodesAndPoints()
    {
        List<Triple> triples = Export();
        string building = Root + "building";
        string kitchen = Root + "room:Kitchen";
        string office = Root + "room:Office%201.2";
        string node1 = Root + "node:node-01";
        string node2 = Root + "node:node-02";

        Assert.Contains(new Triple(building, Type, Rec + "Building"), triples);
        Assert.Contains(new Triple(building, Label, "\"HQ \"North\"\""), triples);
        Assert.Contains(new Triple(kitchen, Type, Rec + "Room"), triples);
        Assert.Contains(new Triple(office, Label, "\"Office 1.2\""), triples);
        Assert.Contains(new Triple(kitchen, Rec + "isPartOf", building), triples);
        Assert.Contains(new Triple(building, Rec + "hasPart", office), triples);
        Assert.Contains(new Triple(node1, Type, Brick + "Sensor_Equipment"), triples);
        Assert.Contains(new Triple(node1, Rec + "locatedIn", office), triples);
        Assert.Contains(new Triple(node2, Rec + "locatedIn", kitchen), triples);
        Assert.Contains(new Triple(kitchen, Rec + "isLocationOf", node2), triples);

        foreach ((string record, string brickClass, string column) in new[]
        {
            ("temperature", "Air_Temperature_Sensor", "temperature_c"), ("humidity", "Relative_Humidity_Sensor", "humidity_pct"),
            ("illuminance", "Illuminance_Sensor", "illuminance_lx"), ("motion", "PIR_Sensor", "motion"), ("supercap", "Voltage_Sensor", "supercap_v"),
        })
        {
            string point = node2 + ":" + record;
            Assert.Contains(new Triple(point, Type, Brick + brickClass), triples);
            Assert.Contains(new Triple(node2, Brick + "hasPoint", point), triples);
            Assert.Contains(new Triple(point, Brick + "isPointOf", node2), triples);
            string reference = Assert.Single(triples, t => t.Subject == point && t.Predicate == Ref + "hasExternalReference").Object;
            Assert.Contains(new Triple(reference, Type, Ref + "TimeseriesReference"), triples);
            Assert.Contains(new Triple(reference, Ref + "hasTimeseriesId", $"\"readings?node_id=node-02#{column}\""), triples);
        }
    }

    [Fact]
    public void ToTurtle_APortfolio_OfTheNodesBuildings_WithZonePoints_AndTheStoreNamedInEachReference()
    {
        IReadOnlyList<NodeStatus> fleet =
        [
            new NodeStatus("n-1", "Office", 0, null, null, null, null, null) { Building = "north" },
            new NodeStatus("s-1", "Office", 0, null, null, null, null, null) { Building = "south" },
        ];

        List<Triple> triples = TurtleSubsetParser.Parse(BrickExporter.ToTurtle(fleet, "unused", "p", store: "postgres://db/fleet", hvacZones: true));

        string north = "urn:sensornode:north:building", south = "urn:sensornode:south:building";
        Assert.Contains(new Triple("urn:sensornode:portfolio", Type, Rec + "Portfolio"), triples);
        Assert.Contains(new Triple("urn:sensornode:portfolio", Rec + "includes", north), triples);
        Assert.Contains(new Triple("urn:sensornode:portfolio", Rec + "includes", south), triples);
        Assert.Equal(2, triples.Count(t => t.Object == Rec + "Building"));                 // "unused" names no node's building
        Assert.Contains(new Triple("urn:sensornode:south:room:Office", Rec + "isPartOf", south), triples);   // two rooms "Office", one per building
        Assert.Contains(new Triple("urn:sensornode:north:zone:Office", Type, Rec + "HVACZone"), triples);
        Assert.Contains(new Triple("urn:sensornode:north:zone:Office", Rec + "hasPart", "urn:sensornode:north:room:Office"), triples);
        Assert.Contains(new Triple("urn:sensornode:north:node:n-1:temperature", Type, Brick + "Zone_Air_Temperature_Sensor"), triples);
        Assert.Contains(new Triple("urn:sensornode:south:node:s-1:humidity", Type, Brick + "Zone_Air_Humidity_Sensor"), triples);
        Assert.Equal(10, triples.Count(t => t.Predicate == Ref + "storedAt" && t.Object == "\"postgres://db/fleet\""));
    }

    [Fact]
    public void ToTurtle_GivesANodeWithoutRoomNoLocation()
    {
        List<Triple> triples = Export();
        string spare = Root + "node:spare";

        Assert.Contains(new Triple(spare, Type, Brick + "Sensor_Equipment"), triples);
        Assert.DoesNotContain(triples, t => t.Subject == spare && t.Predicate == Rec + "locatedIn");
        Assert.Equal(2, triples.Count(t => t.Object == Rec + "Room"));
    }

    [Fact]
    public void ToTurtle_EncodesUnsafeNamesInIris()
    {
        NodeStatus odd = new("a b>c", "R\u00e4um<1>", 0, null, null, null, null, null);

        List<Triple> triples = TurtleSubsetParser.Parse(BrickExporter.ToTurtle([odd], "B\\x\n", "p"));

        Assert.Contains(new Triple("urn:sensornode:B%5Cx%0A:node:a%20b%3Ec", Rec + "locatedIn", "urn:sensornode:B%5Cx%0A:room:R%C3%A4um%3C1%3E"), triples);
        Assert.Contains(new Triple("urn:sensornode:B%5Cx%0A:building", Label, "\"B\\x\n\""), triples);
    }

    [Fact]
    public void ToTurtle_WritesOnlyTheBuilding_ForNoNodes()
    {
        List<Triple> triples = TurtleSubsetParser.Parse(BrickExporter.ToTurtle([], "B", "p"));

        Assert.Equal(2, triples.Count);
    }

    // The fault detector's findings: node-02 flagged; a mark for a node not in the store adds nothing.
    private static readonly FaultMark[] Faults =
    [
        new("node-02", "2024-11-07", "too hot when occupied (+2.1 degC vs peers)"),
        new("not-in-the-store", "2024-11-08", "too cold when occupied (-1.0 degC vs peers)"),
    ];

    [Fact]
    public void ToTurtle_WithFaults_MarksTheFlaggedRoomsTemperaturePoint_AndAddsAFaultStatusPoint_ForItOnly()
    {
        string turtle = BrickExporter.ToTurtle(Nodes, "HQ \"North\"", "site/a", Faults);

        List<Triple> triples = TurtleSubsetParser.Parse(turtle); // still parses (strict subset parser)
        Assert.All(turtle.Split("\n\n", StringSplitOptions.RemoveEmptyEntries), block => Assert.EndsWith(" .", block.TrimEnd()));
        string node = Root + "node:node-02", temperature = node + ":temperature", fault = node + ":hvac_fault";
        const string comment = "\"HVAC fault detector (sensornode faults): too hot when occupied (+2.1 degC vs peers), since 2024-11-07\"";
        Assert.Contains(new Triple(temperature, Comment, comment), triples);
        Assert.Contains(new Triple(fault, Type, Brick + "Fault_Status"), triples);
        Assert.Contains(new Triple(fault, Comment, comment), triples);
        Assert.Contains(new Triple(node, Brick + "hasPoint", fault), triples);
        Assert.Contains(new Triple(fault, Brick + "isPointOf", node), triples);
        Assert.Contains(new Triple(fault, "http://www.w3.org/2000/01/rdf-schema#seeAlso", temperature), triples);
        string reference = Assert.Single(triples, t => t.Subject == fault && t.Predicate == Ref + "hasExternalReference").Object;
        Assert.Contains(new Triple(reference, Ref + "hasTimeseriesId", "\"site/a/node-02/ha/hvac_fault\""), triples);

        Assert.Equal(2, triples.Count(t => t.Predicate == Comment));
        Assert.Single(triples, t => t.Object == Brick + "Fault_Status");
        Assert.DoesNotContain("not-in-the-store", turtle);
    }

    [Fact]
    public void ToTurtle_WithoutFaults_IsTheExportItWasBefore()
    {
        Assert.Equal(BrickExporter.ToTurtle(Nodes, "B", "p"), BrickExporter.ToTurtle(Nodes, "B", "p", []));
        Assert.DoesNotContain("Fault_Status", BrickExporter.ToTurtle(Nodes, "B", "p"));
    }

    [Fact]
    public void FaultMarks_FromFaultsJson_AreTheFlaggedRooms_WithDrift()
    {
        const string json = """
            { "start": "2024-11-04", "rooms": [
              { "room": "r04", "node_id": "hq-r04", "flagged": true, "onset": "2024-11-07", "findings": ["too hot when occupied (+2.1 degC vs peers)"], "drifts": true },
              { "room": "r01", "node_id": "hq-r01", "flagged": false, "onset": null, "findings": [], "drifts": false } ] }
            """;

        FaultMark mark = Assert.Single(FaultMark.FromReportJson(json));

        Assert.Equal(new FaultMark("hq-r04", "2024-11-07", "too hot when occupied (+2.1 degC vs peers); drifts away from its peers"), mark);
        Assert.Equal("rooms[0].node_id: a flagged room needs a text here, got nothing",
            Assert.Throws<FormatException>(() => FaultMark.FromReportJson("""{ "rooms": [ { "flagged": true } ] }""")).Message);
        Assert.StartsWith("line 1: not JSON: ", Assert.Throws<FormatException>(() => FaultMark.FromReportJson("not json")).Message);
    }

    [Theory]
    // Was "The given key was not present in the dictionary." and "... requires an element of type 'Array' ...": no field.
    [InlineData("""{ "rooms": [ { "flagged": false }, { "node_id": "a" } ] }""", "rooms[1].flagged: expected true or false, got nothing")]
    [InlineData("""{ "rooms": "r04" }""", "rooms: expected a list, got the text 'r04'")]
    [InlineData("""{ "rooms": [ { "flagged": true, "node_id": "a", "onset": 20241107, "findings": [] } ] }""", "rooms[0].onset: a flagged room needs a text here, got the number 20241107")]
    // Was "LineNumber: 2 | BytePositionInLine: 1." (zero-based) inside the parser's text.
    [InlineData("{\n \"rooms\": [\n  }\n", "line 3: not JSON: ")]
    public void FaultMarks_FromAFileOfTheWrongShape_SayWhichFieldOrLine(string json, string expected)
    {
        string message = Assert.Throws<FormatException>(() => FaultMark.FromReportJson(json)).Message;

        Assert.StartsWith(expected, message);
        Assert.DoesNotContain("LineNumber", message);
    }
}
