using System.Text;
using SensorNode.Gateway.Faults;

namespace SensorNode.Gateway;

/// <summary>
/// Exports the node inventory as a Brick Schema model (https://brickschema.org) in Turtle: the building, its rooms,
/// each node as a piece of brick:Equipment located in its room, and one point per measurement with a reference to
/// its time series. Entities are full IRIs under "urn:sensornode:&lt;building&gt;:", percent-encoded (docs/gateway.md).
/// </summary>
public static class BrickExporter
{
    /// <summary>Brick namespace (Brick 1.3 and later).</summary>
    public const string BrickNamespace = "https://brickschema.org/schema/Brick#";

    /// <summary>Brick's external-reference namespace (time series references).</summary>
    public const string RefNamespace = "https://brickschema.org/schema/Brick/ref#";

    /// <summary>Local name of a flagged node's fault status point ("urn:sensornode:&lt;building&gt;:node:&lt;node&gt;:hvac_fault").</summary>
    public const string FaultRecord = FaultDiscovery.PointKey;

    // Record name -> Brick point class. PIR_Sensor is a Motion_Sensor and an Occupancy_Sensor in Brick.
    private static readonly (string Record, string BrickClass)[] Points =
    [
        (SenmlNames.Temperature, "Air_Temperature_Sensor"),
        (SenmlNames.Humidity, "Relative_Humidity_Sensor"),
        (SenmlNames.Illuminance, "Illuminance_Sensor"),
        (SenmlNames.Motion, "PIR_Sensor"),
        (SenmlNames.Supercap, "Voltage_Sensor"),
    ];

    /// <summary>
    /// Turtle for <paramref name="nodes"/> in the building <paramref name="buildingName"/> (any text). Nodes with a
    /// room (<see cref="ReadingStore.SetRoom"/>) get brick:hasLocation to it; rooms are brick:isPartOf the building.
    /// Each point's time series id is "&lt;<paramref name="prefix"/>&gt;/&lt;node&gt;/state#&lt;record name&gt;", the state
    /// topic and the SenML record name that carry its values.
    /// Each node in <paramref name="faults"/> (the fault detector's flagged rooms; marks of other nodes are ignored)
    /// gets an rdfs:comment on its temperature point and one more point, a brick:Fault_Status ("Indicates the presence
    /// of a fault in a device, system or control loop", Brick 1.4) with the same comment, rdfs:seeAlso the temperature
    /// point, and the Home Assistant state topic "&lt;prefix&gt;/&lt;node&gt;/ha/hvac_fault" as its time series id (docs/faults.md).
    /// </summary>
    public static string ToTurtle(IReadOnlyList<NodeStatus> nodes, string buildingName, string prefix, IReadOnlyList<FaultMark>? faults = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(buildingName);
        ArgumentNullException.ThrowIfNull(prefix);
        string root = "urn:sensornode:" + Encode(buildingName) + ":";
        string building = Iri(root + "building");
        string RoomIri(string room) => Iri(root + "room:" + Encode(room));
        string NodeIri(string node) => Iri(root + "node:" + Encode(node));
        string PointIri(string node, string record) => Iri(root + "node:" + Encode(node) + ":" + record);

        var marks = (faults ?? []).GroupBy(f => f.NodeId).ToDictionary(g => g.Key, g => g.First());
        string FaultComment(FaultMark mark) => $"HVAC fault detector (sensornode faults): {mark.Unusual}, since {mark.Since}";
        var ordered = nodes.OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList();
        var rooms = ordered.Where(n => n.Room != null).Select(n => n.Room!).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();

        var t = new StringBuilder();
        t.Append("@prefix brick: <").Append(BrickNamespace).Append("> .\n");
        t.Append("@prefix ref: <").Append(RefNamespace).Append("> .\n");
        t.Append("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n");

        t.Append(building).Append(" a brick:Building ;\n    rdfs:label ").Append(Literal(buildingName));
        foreach (string room in rooms)
        {
            t.Append(" ;\n    brick:hasPart ").Append(RoomIri(room));
        }
        t.Append(" .\n\n");

        foreach (string room in rooms)
        {
            t.Append(RoomIri(room)).Append(" a brick:Room ;\n    rdfs:label ").Append(Literal(room))
                .Append(" ;\n    brick:isPartOf ").Append(building);
            foreach (NodeStatus node in ordered.Where(n => n.Room == room))
            {
                t.Append(" ;\n    brick:isLocationOf ").Append(NodeIri(node.NodeId));
            }
            t.Append(" .\n\n");
        }

        foreach (NodeStatus node in ordered)
        {
            t.Append(NodeIri(node.NodeId)).Append(" a brick:Equipment ;\n    rdfs:label ").Append(Literal(node.NodeId));
            if (node.Room != null)
            {
                t.Append(" ;\n    brick:hasLocation ").Append(RoomIri(node.Room));
            }
            foreach ((string record, _) in Points)
            {
                t.Append(" ;\n    brick:hasPoint ").Append(PointIri(node.NodeId, record));
            }
            FaultMark? mark = marks.GetValueOrDefault(node.NodeId);
            if (mark != null) t.Append(" ;\n    brick:hasPoint ").Append(PointIri(node.NodeId, FaultRecord));
            t.Append(" .\n\n");

            foreach ((string record, string brickClass) in Points)
            {
                t.Append(PointIri(node.NodeId, record)).Append(" a brick:").Append(brickClass)
                    .Append(" ;\n    rdfs:label ").Append(Literal(node.NodeId + " " + record))
                    .Append(" ;\n    brick:isPointOf ").Append(NodeIri(node.NodeId));
                if (mark != null && record == SenmlNames.Temperature) t.Append(" ;\n    rdfs:comment ").Append(Literal(FaultComment(mark)));
                t.Append(" ;\n    ref:hasExternalReference [ a ref:TimeseriesReference ;\n        ref:hasTimeseriesId ")
                    .Append(Literal($"{prefix}/{node.NodeId}/state#{record}")).Append(" ] .\n\n");
            }
            if (mark != null)
            {
                t.Append(PointIri(node.NodeId, FaultRecord)).Append(" a brick:Fault_Status")
                    .Append(" ;\n    rdfs:label ").Append(Literal(node.NodeId + " " + FaultRecord))
                    .Append(" ;\n    rdfs:comment ").Append(Literal(FaultComment(mark)))
                    .Append(" ;\n    brick:isPointOf ").Append(NodeIri(node.NodeId))
                    .Append(" ;\n    rdfs:seeAlso ").Append(PointIri(node.NodeId, SenmlNames.Temperature))
                    .Append(" ;\n    ref:hasExternalReference [ a ref:TimeseriesReference ;\n        ref:hasTimeseriesId ")
                    .Append(Literal(FaultDiscovery.StateTopic(prefix, node.NodeId))).Append(" ] .\n\n");
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
