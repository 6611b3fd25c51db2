using System.Globalization;
using SensorNode.Core.Policy;

namespace SensorNode.Cli;

/// <summary>The trainer's visits file: header <c>state,visits</c>, then one line per state index 0..StateCount-1.</summary>
public static class VisitsFile
{
    public static string Format(int[] visits)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("state,visits");
        for (int s = 0; s < visits.Length; s++) w.WriteLine($"{s},{visits[s]}");
        return w.ToString();
    }

    /// <summary>
    /// Parses <see cref="Format"/>'s output; throws <see cref="FormatException"/> naming the bad line. Every state appears
    /// once: a missing header (its first row would be skipped), a state given twice and a truncated file (the missing
    /// states would show 0 visits) are errors.
    /// </summary>
    public static int[] Parse(string text)
    {
        var visits = new int[StateEncoder.StateCount];
        var lineOf = new int[visits.Length];
        string[] lines = text.Split('\n');
        string header = lines[0].Trim().TrimStart('\uFEFF');
        if (header != "state,visits") throw new FormatException($"line 1: expected the header 'state,visits', got '{header}'");
        int given = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) continue;
            string[] parts = line.Split(',');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int state) || state >= visits.Length
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                throw new FormatException($"line {i + 1}: expected 'state,visits' with state 0..{visits.Length - 1}, got '{line}'");
            }
            if (lineOf[state] != 0) throw new FormatException($"line {i + 1}: state {state} is already given on line {lineOf[state]}");
            lineOf[state] = i + 1;
            visits[state] = count;
            given++;
        }
        if (given < visits.Length)
            throw new FormatException($"{given} of {visits.Length} states (truncated?); the first missing is state {Array.IndexOf(lineOf, 0)}");
        return visits;
    }
}
