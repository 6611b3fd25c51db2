using System.Globalization;
using SensorNode.Core.Policy;

namespace SensorNode.Cli;

/// <summary>The trainer's visits file: header <c>state,visits</c>, then one line per state index 0..863.</summary>
public static class VisitsFile
{
    public static string Format(int[] visits)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("state,visits");
        for (int s = 0; s < visits.Length; s++) w.WriteLine($"{s},{visits[s]}");
        return w.ToString();
    }

    /// <summary>Parses <see cref="Format"/>'s output; throws <see cref="FormatException"/> naming the bad line.</summary>
    public static int[] Parse(string text)
    {
        var visits = new int[StateEncoder.StateCount];
        string[] lines = text.Split('\n');
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
            visits[state] = count;
        }
        return visits;
    }
}
