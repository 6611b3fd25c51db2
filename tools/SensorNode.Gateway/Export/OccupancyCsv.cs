using System.Globalization;
using SensorNode.Gateway.Occupancy;

namespace SensorNode.Gateway;

/// <summary>Rooms' occupancy slots as CSV (docs/occupancy.md): room, slot start (Unix s and UTC), state, evidence, watched s, motion, naive.</summary>
public static class OccupancyCsv
{
    public const string Header = "room,slot_start_unix_s,slot_start_utc,state,evidence,watched_s,motion,naive";

    /// <summary>Writes the header and one line per slot, rooms in the given order.</summary>
    public static void Write(TextWriter writer, IEnumerable<(string Room, OccupancySlot[] Slots)> rooms)
    {
        writer.WriteLine(Header);
        foreach ((string room, OccupancySlot[] slots) in rooms)
        {
            string quotedRoom = Quote(room);
            foreach (OccupancySlot s in slots)
            {
                string utc = DateTimeOffset.FromUnixTimeSeconds(s.StartUnixSeconds).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{quotedRoom},{s.StartUnixSeconds},{utc},{ReadingStore.StateName(s.State)},{Quote(s.Evidence)},{s.WatchedSeconds},{s.MotionEvents},{ReadingStore.StateName(s.Naive)}"));
            }
        }
    }

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
