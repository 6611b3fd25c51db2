using System.Text;
using SensorNode.Gateway.Faults;

namespace SensorNode.Gateway;

/// <summary>
/// Exports the node inventory as a Brick 1.4 model (https://brickschema.org) in Turtle: the buildings (several: a
/// portfolio), their rooms, each node as brick:Sensor_Equipment located in its room, and one point per measurement
/// with a reference to its time series in the store. Locations use RealEstateCore's classes, as Brick 1.4 does (its
/// brick:Building, brick:Room and brick:HVAC_Zone are deprecated in 1.4 in favour of rec:Building, rec:Room and
/// rec:HVACZone; Brick-1.4.ttl). Entities are full IRIs under "urn:sensornode:&lt;building&gt;:", percent-encoded
/// (docs/gateway.md). Every class and relationship used is checked against Brick-1.4.ttl in BrickVocabularyTests.
/// </summary>
public static class BrickExporter
{
    /// <summary>Brick namespace (Brick 1.3 and later).</summary>
    public const string BrickNamespace = "https://brickschema.org/schema/Brick#";

    /// <summary>Brick's external-reference namespace (time series references).</summary>
    public const string RefNamespace = "https://brickschema.org/schema/Brick/ref#";

    /// <summary>RealEstateCore, whose location classes Brick 1.4 uses.</summary>
    public const string RecNamespace = "https://w3id.org/rec#";

    /// <summary>Local name of a flagged node's fault status point ("urn:sensornode:&lt;building&gt;:node:&lt;node&gt;:hvac_fault").</summary>
    public const string FaultRecord = FaultDiscovery.PointKey;

    // Record name -> Brick point class, its class in a room that is an HVAC zone, and the readings column of its values.
    // PIR_Sensor is a Motion_Sensor and an Occupancy_Sensor in Brick.
    private static readonly (string Record, string BrickClass, string ZoneClass, string Column)[] Points =
    [
        (SenmlNames.Temperature, "Air_Temperature_Sensor", "Zone_Air_Temperature_Sensor", "temperature_c"),
        (SenmlNames.Humidity, "Relative_Humidity_Sensor", "Zone_Air_Humidity_Sensor", "humidity_pct"),
        (SenmlNames.Illuminance, "Illuminance_Sensor", "Illuminance_Sensor", "illuminance_lx"),
        (SenmlNames.Motion, "PIR_Sensor", "PIR_Sensor", "motion"),
        (SenmlNames.Supercap, "Voltage_Sensor", "Voltage_Sensor", "supercap_v"),
    ];

    /// <summary>
    /// Turtle for <paramref name="nodes"/>. A node's building is its <see cref="NodeStatus.Building"/> (the gateway's
    /// --building), or <paramref name="buildingName"/> (any text) when that is empty; with more than one building the
    /// model has a rec:Portfolio that rec:includes them all. Nodes with a room (<see cref="ReadingStore.SetRoom"/>) get
    /// rec:locatedIn to it; rooms are rec:isPartOf their building. With <paramref name="hvacZones"/> each room is
    /// also an HVAC zone (a rec:HVACZone that rec:hasPart the room) and its nodes' temperature and humidity points are
    /// zone points (brick:Zone_Air_Temperature_Sensor, brick:Zone_Air_Humidity_Sensor). Each point's time series is
    /// named in the store: ref:hasTimeseriesId "readings?node_id=&lt;node&gt;#&lt;column&gt;" (the table, the node's rows,
    /// the column) and ref:storedAt <paramref name="store"/> (the --db, password redacted) when given.
    /// Each node in <paramref name="faults"/> (the fault detector's flagged rooms; marks of other nodes are ignored)
    /// gets an rdfs:comment on its temperature point and one more point, a brick:Fault_Status ("Indicates the presence
    /// of a fault in a device, system or control loop", Brick 1.4) with the same comment, rdfs:seeAlso the temperature
    /// point, and the Home Assistant state topic "&lt;prefix&gt;/&lt;node&gt;/ha/hvac_fault" as its time series id (docs/faults.md).
    /// </summary>
    public static string ToTurtle(IReadOnlyList<NodeStatus> nodes, string buildingName, string prefix, IReadOnlyList<FaultMark>? faults = null,
        string? store = null, bool hvacZones = false)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(buildingName);
        ArgumentNullException.ThrowIfNull(prefix);
        string BuildingOf(NodeStatus node) => node.Building.Length > 0 ? node.Building : buildingName;
        string Root(string building) => "urn:sensornode:" + Encode(building) + ":";
        string BuildingIri(string building) => Iri(Root(building) + "building");
        string RoomIri(string building, string room) => Iri(Root(building) + "room:" + Encode(room));
        string ZoneIri(string building, string room) => Iri(Root(building) + "zone:" + Encode(room));
        string NodeIri(NodeStatus node) => Iri(Root(BuildingOf(node)) + "node:" + Encode(node.NodeId));
        string PointIri(NodeStatus node, string record) => Iri(Root(BuildingOf(node)) + "node:" + Encode(node.NodeId) + ":" + record);

        var marks = (faults ?? []).GroupBy(f => f.NodeId).ToDictionary(g => g.Key, g => g.First());
        string FaultComment(FaultMark mark) => $"HVAC fault detector (sensornode faults): {mark.Unusual}, since {mark.Since}";
        var ordered = nodes.OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList();
        var buildings = ordered.Select(BuildingOf).Append(buildingName).Distinct().Order(StringComparer.Ordinal).ToList();
        if (ordered.Count > 0 && ordered.All(n => n.Building.Length > 0)) buildings.Remove(buildingName);

        var t = new StringBuilder();
        t.Append("@prefix brick: <").Append(BrickNamespace).Append("> .\n");
        t.Append("@prefix rec: <").Append(RecNamespace).Append("> .\n");
        t.Append("@prefix ref: <").Append(RefNamespace).Append("> .\n");
        t.Append("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n");

        if (buildings.Count > 1)
        {
            t.Append(Iri("urn:sensornode:portfolio")).Append(" a rec:Portfolio ;\n    rdfs:label ").Append(Literal("SensorNode portfolio"));
            foreach (string building in buildings) t.Append(" ;\n    rec:includes ").Append(BuildingIri(building));
            t.Append(" .\n\n");
        }
        foreach (string building in buildings)
        {
            List<NodeStatus> inBuilding = ordered.Where(n => BuildingOf(n) == building).ToList();
            var rooms = inBuilding.Where(n => n.Room != null).Select(n => n.Room!).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
            t.Append(BuildingIri(building)).Append(" a rec:Building ;\n    rdfs:label ").Append(Literal(building));
            foreach (string room in rooms) t.Append(" ;\n    rec:hasPart ").Append(RoomIri(building, room));
            t.Append(" .\n\n");

            foreach (string room in rooms)
            {
                t.Append(RoomIri(building, room)).Append(" a rec:Room ;\n    rdfs:label ").Append(Literal(room))
                    .Append(" ;\n    rec:isPartOf ").Append(BuildingIri(building));
                foreach (NodeStatus node in inBuilding.Where(n => n.Room == room)) t.Append(" ;\n    rec:isLocationOf ").Append(NodeIri(node));
                t.Append(" .\n\n");
                if (hvacZones)
                {
                    t.Append(ZoneIri(building, room)).Append(" a rec:HVACZone ;\n    rdfs:label ").Append(Literal(room + " HVAC zone"))
                        .Append(" ;\n    rec:hasPart ").Append(RoomIri(building, room)).Append(" .\n\n");
                }
            }

            foreach (NodeStatus node in inBuilding)
            {
                t.Append(NodeIri(node)).Append(" a brick:Sensor_Equipment ;\n    rdfs:label ").Append(Literal(node.NodeId));
                // rec:locatedIn, brick:hasLocation's equivalent property: Brick 1.4's bsh:hasLocationShape (on every
                // brick:Entity) still wants a deprecated brick:Location at the end of brick:hasLocation, not a rec:Room.
                if (node.Room != null) t.Append(" ;\n    rec:locatedIn ").Append(RoomIri(building, node.Room));
                foreach ((string record, _, _, _) in Points) t.Append(" ;\n    brick:hasPoint ").Append(PointIri(node, record));
                FaultMark? mark = marks.GetValueOrDefault(node.NodeId);
                if (mark != null) t.Append(" ;\n    brick:hasPoint ").Append(PointIri(node, FaultRecord));
                t.Append(" .\n\n");

                bool zone = hvacZones && node.Room != null;
                foreach ((string record, string brickClass, string zoneClass, string column) in Points)
                {
                    t.Append(PointIri(node, record)).Append(" a brick:").Append(zone ? zoneClass : brickClass)
                        .Append(" ;\n    rdfs:label ").Append(Literal(node.NodeId + " " + record))
                        .Append(" ;\n    brick:isPointOf ").Append(NodeIri(node));
                    if (mark != null && record == SenmlNames.Temperature) t.Append(" ;\n    rdfs:comment ").Append(Literal(FaultComment(mark)));
                    t.Append(" ;\n    ref:hasExternalReference [ a ref:TimeseriesReference ;\n        ref:hasTimeseriesId ")
                        .Append(Literal($"readings?node_id={node.NodeId}#{column}"));
                    if (store != null) t.Append(" ;\n        ref:storedAt ").Append(Literal(store));
                    t.Append(" ] .\n\n");
                }
                if (mark != null)
                {
                    t.Append(PointIri(node, FaultRecord)).Append(" a brick:Fault_Status")
                        .Append(" ;\n    rdfs:label ").Append(Literal(node.NodeId + " " + FaultRecord))
                        .Append(" ;\n    rdfs:comment ").Append(Literal(FaultComment(mark)))
                        .Append(" ;\n    brick:isPointOf ").Append(NodeIri(node))
                        .Append(" ;\n    rdfs:seeAlso ").Append(PointIri(node, SenmlNames.Temperature))
                        .Append(" ;\n    ref:hasExternalReference [ a ref:TimeseriesReference ;\n        ref:hasTimeseriesId ")
                        .Append(Literal(FaultDiscovery.StateTopic(prefix, node.NodeId))).Append(" ] .\n\n");
                }
            }
        }
        return t.ToString();
    }

    // Percent-encodes everything but RFC 3986 unreserved characters, so any name is safe inside an IRI.
    private static string Encode(string text)
    {
        var encoded = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2"));
            }
        }
        return encoded.ToString();
    }

    private static string Iri(string iri) => "<" + iri + ">";

    // A Turtle string literal: quotes, backslashes and control characters escaped.
    private static string Literal(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': literal.Append("\\\""); break;
                case '\\': literal.Append("\\\\"); break;
                case '\n': literal.Append("\\n"); break;
                case '\r': literal.Append("\\r"); break;
                case '\t': literal.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        literal.Append("\\u").Append(((int)c).ToString("X4"));
                    }
                    else
                    {
                        literal.Append(c);
                    }
                    break;
            }
        }
        return literal.Append('"').ToString();
    }
}
