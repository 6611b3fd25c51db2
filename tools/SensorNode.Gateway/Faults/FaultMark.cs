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
    /// The flagged rooms of a faults.json that <c>sensornode faults</c> wrote (rooms[] with node_id, flagged, onset,
    /// findings, drifts). Throws <see cref="FormatException"/> when it is not such a file.
    /// </summary>
    public static IReadOnlyList<FaultMark> FromReportJson(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            var marks = new List<FaultMark>();
            foreach (JsonElement room in document.RootElement.GetProperty("rooms").EnumerateArray())
            {
                if (!room.GetProperty("flagged").GetBoolean()) continue;
                IEnumerable<string> what = room.GetProperty("findings").EnumerateArray().Select(f => f.GetString() ?? "");
                if (room.TryGetProperty("drifts", out JsonElement drifts) && drifts.GetBoolean()) what = what.Append("drifts away from its peers");
                marks.Add(new FaultMark(room.GetProperty("node_id").GetString() ?? throw new FormatException("a flagged room without node_id"),
                    room.GetProperty("onset").GetString() ?? throw new FormatException("a flagged room without onset"), string.Join("; ", what)));
            }
            return marks;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a faults.json of sensornode faults: {e.Message}", e);
        }
    }
}
