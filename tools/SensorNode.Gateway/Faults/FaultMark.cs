using System.Globalization;
using System.Text.Json;

namespace SensorNode.Gateway.Faults;

/// <summary>A room the fault detector flagged, as the Brick export marks it: its node, the onset day and what is unusual.</summary>
/// <param name="NodeId">The node measuring the room.</param>
/// <param name="Since">Estimated start of the fault, YYYY-MM-DD.</param>
/// <param name="Unusual">What is unusual ("too hot when occupied (+2.1 degC vs peers)").</param>
public sealed record FaultMark(string NodeId, string Since, string Unusual)
{
    /// <summary>The flagged rooms of a report.</summary>
    public static IReadOnlyList<FaultMark> FromReport(FaultReport report) =>
        report.Flagged.Select(r => new FaultMark(r.NodeId,
            DateTime.UnixEpoch.AddSeconds(report.DayStart(r.OnsetDay)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Describe())).ToList();

    /// <summary>
    /// The flagged rooms of a faults.json that <c>sensornode faults</c> wrote: an object whose <c>rooms</c> list has, for
    /// each room, <c>flagged</c> (true or false) and, for a flagged one, <c>node_id</c>, <c>onset</c> (yyyy-MM-dd),
    /// <c>findings</c> (a list of texts) and optionally <c>drifts</c> (true or false); other keys are ignored.
    /// Throws <see cref="FormatException"/> when it is not such a file, saying where: the line of a JSON syntax error
    /// ("line 3: not JSON: ..."), or the field of a value of the wrong shape ("rooms[2].onset: expected a date
    /// yyyy-MM-dd, got 'soon'"). A key repeated in the file's object or in a room is an error too ("rooms[1].onset:
    /// given twice").
    /// </summary>
    public static IReadOnlyList<FaultMark> FromReportJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try { document = JsonDocument.Parse(json, ReportOptions); }
        catch (JsonException e)
        {
            string message = e.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new FormatException($"line {e.LineNumber + 1}: not JSON: {(cut > 0 ? message[..cut] : message)}", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException($"expected an object with the rooms (the faults.json of sensornode faults), got {Kind(root)}");
            CheckNoRepeatedKey(root, "");
            if (!root.TryGetProperty("rooms", out JsonElement rooms))
                throw new FormatException("rooms: missing; is it the faults.json of sensornode faults?");
            if (rooms.ValueKind != JsonValueKind.Array) throw new FormatException($"rooms: expected a list, got {Kind(rooms)}");
            var marks = new List<FaultMark>();
            int index = 0;
            foreach (JsonElement room in rooms.EnumerateArray())
            {
                string at = $"rooms[{index++}]";
                if (room.ValueKind != JsonValueKind.Object) throw new FormatException($"{at}: expected an object, got {Kind(room)}");
                CheckNoRepeatedKey(room, at + ".");
                if (!Flag(room, at, "flagged", required: true)) continue;
                string nodeId = Text(room, at, "node_id");
                string onset = Text(room, at, "onset");
                if (!DateTime.TryParseExact(onset, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    throw new FormatException($"{at}.onset: expected a date yyyy-MM-dd, got '{Shown(onset)}'");
                if (!room.TryGetProperty("findings", out JsonElement findings) || findings.ValueKind != JsonValueKind.Array)
                    throw new FormatException($"{at}.findings: expected a list of texts, got {Kind(findings)}");
                var what = new List<string>();
                int f = 0;
                foreach (JsonElement finding in findings.EnumerateArray())
                {
                    if (finding.ValueKind != JsonValueKind.String) throw new FormatException($"{at}.findings[{f}]: expected a text, got {Kind(finding)}");
                    what.Add(finding.GetString()!);
                    f++;
                }
                if (Flag(room, at, "drifts", required: false)) what.Add("drifts away from its peers");
                marks.Add(new FaultMark(nodeId, onset, string.Join("; ", what)));
            }
            return marks;
        }
    }

    private static readonly JsonDocumentOptions ReportOptions = new() { MaxDepth = 16 };

    // The parser's own check (AllowDuplicateProperties = false) says neither the line nor the path.
    private static void CheckNoRepeatedKey(JsonElement value, string at)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in value.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw new FormatException($"{at}{Shown(property.Name)}: given twice; which one counts?");
        }
    }

    // A true/false key of a room; a missing optional one is false.
    private static bool Flag(JsonElement room, string at, string key, bool required)
    {
        if (!room.TryGetProperty(key, out JsonElement value) && !required) return false;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"{at}.{key}: expected true or false, got {Kind(value)}"),
        };
    }

    // A non-empty text key of a flagged room.
    private static string Text(JsonElement room, string at, string key)
    {
        if (room.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text) return text;
        throw new FormatException($"{at}.{key}: a flagged room needs a text here, got {Kind(value)}");
    }

    // What a value is, in the words of a message: "nothing" for a missing one (default JsonElement).
    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => value.GetString()!.Length == 0 ? "an empty text" : $"the text '{Shown(value.GetString()!)}'",
        JsonValueKind.Number => $"the number {Shown(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };

    // At most 40 characters of a value from the file, control characters as '?', for a one-line message.
    private static string Shown(string text)
    {
        string cut = text.Length > 40 ? text[..40] + "..." : text;
        return new string(cut.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
