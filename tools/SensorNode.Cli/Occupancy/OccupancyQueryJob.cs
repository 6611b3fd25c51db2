using System.Globalization;
using SensorNode.Gateway;
using SensorNode.Gateway.Occupancy;

namespace SensorNode.Cli.Occupancy;

/// <summary>
/// `sensornode occupancy --db`: recomputes each room's slots from the stored readings (so late readings count), stores
/// them in the occupancy table, and prints them or writes CSV and plots.
/// </summary>
public sealed class OccupancyQueryJob(OccupancyQueryOptions options)
{
    public int Run(TextWriter output)
    {
        if (ReadingStore.IsMissingFile(options.DatabasePath)) throw new CommandFailedException($"--db {options.DatabasePath}: not found");
        if (options.CsvPath != null) OutputPaths.PrepareFile("csv", options.CsvPath);
        if (options.PlotPath != null) OutputPaths.PrepareFile("plot", options.PlotPath);
        if (!ReadingStore.TryOpen(options.DatabasePath, options.Building, out ReadingStore? opened, out string error)) throw new CommandFailedException($"--db {options.DatabasePath}: {error}");
        using ReadingStore store = opened!;
        var rooms = RoomOccupancy.Rooms(store);
        if (options.Room != null && !rooms.ContainsKey(options.Room))
            throw new CommandFailedException($"--room {options.Room}: no such room (rooms: {string.Join(", ", rooms.Keys.Order())})");
        var results = new List<(string Room, OccupancySlot[] Slots)>();
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach ((string room, List<NodeStatus> nodes) in rooms.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (options.Room != null && room != options.Room) continue;
            OccupancySlot[] slots = RoomOccupancy.Compute(store, nodes, options.FromUnixSeconds, options.ToUnixSeconds, options.Parameters);
            store.StoreOccupancy(room, slots, now);
            results.Add((room, slots));
        }

        TextWriter writer = options.CsvPath != null ? new StreamWriter(options.CsvPath) : output;
        try { OccupancyCsv.Write(writer, results); }
        finally { if (options.CsvPath != null) writer.Dispose(); }
        if (options.PlotPath is { } plot)
        {
            foreach ((string room, OccupancySlot[] slots) in results)
            {
                string path = results.Count == 1 ? plot : Path.ChangeExtension(plot, null) + "-" + room + ".png";
                OccupancyPlot.Render(path, room, slots, options.Parameters.SlotSeconds, null, "no truth (real room)");
            }
        }
        if (options.CsvPath != null) output.WriteLine($"wrote {options.CsvPath}: {results.Sum(r => r.Slots.Length)} slot(s) of {results.Count} room(s)");
        return CommandLine.Ok;
    }

}
