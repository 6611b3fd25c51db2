using System.Globalization;
using System.Text.Json.Nodes;

namespace SensorNode.Simulation.Physics;

/// <summary>
/// A bench measurements file (docs/device-build.md, "Bench bring-up") turned into a hardware profile. One
/// measurement a line, <c>key = value unit</c>, where key is a hardware-profile figure; an optional
/// <c># how it was measured</c> after the value becomes part of the figure's source. <c>name = ...</c> names the
/// profile. Every figure the file does not give keeps the base profile's (reference) value and says so.
/// </summary>
public sealed class BenchMeasurements
{
    /// <summary>One measured figure: its value in the profile's unit, where it was read, and the bench note.</summary>
    public sealed record Measurement(string Key, double Value, bool? Flag, int Line, string Note);

    public string SourceName { get; }
    public string? Name { get; private set; }
    public IReadOnlyList<Measurement> Measurements => _measurements;
    private readonly List<Measurement> _measurements = new();

    private BenchMeasurements(string sourceName) => SourceName = sourceName;

    // Units a figure may be written in, by the unit its key ends with: (unit, factor to the key's unit).
    private static readonly (string Suffix, (string Unit, double Factor)[] Units)[] UnitsBySuffix =
    {
        ("_microamps_per_lux", new[] { ("uA/lx", 1.0), ("µA/lx", 1.0) }),
        ("_millijoules_per_write", new[] { ("mJ", 1.0), ("uJ", 1e-3), ("µJ", 1e-3) }),
        ("_microjoules_per_byte", new[] { ("uJ/B", 1.0), ("µJ/B", 1.0), ("nJ/B", 1e-3) }),
        ("_microseconds_per_byte", new[] { ("us/B", 1.0), ("µs/B", 1.0) }),
        ("_microamps_at_max", new[] { ("uA", 1.0), ("µA", 1.0), ("nA", 1e-3), ("mA", 1e3) }),
        ("_microamps", new[] { ("uA", 1.0), ("µA", 1.0), ("nA", 1e-3), ("mA", 1e3) }),
        ("_milliamps", new[] { ("mA", 1.0), ("A", 1e3), ("uA", 1e-3), ("µA", 1e-3) }),
        ("_milliseconds", new[] { ("ms", 1.0), ("s", 1e3), ("us", 1e-3), ("µs", 1e-3) }),
        ("_seconds", new[] { ("s", 1.0), ("ms", 1e-3) }),
        ("_millivolts", new[] { ("mV", 1.0), ("V", 1e3) }),
        ("_millifarads", new[] { ("mF", 1.0), ("F", 1e3) }),
        ("_milliohms", new[] { ("mOhm", 1.0), ("mΩ", 1.0), ("Ohm", 1e3), ("Ω", 1e3) }),
        ("_microwatts", new[] { ("uW", 1.0), ("µW", 1.0), ("mW", 1e3) }),
    };

    /// <summary>The units <paramref name="key"/> accepts (empty: a plain number), in the order they are listed.</summary>
    public static IReadOnlyList<(string Unit, double Factor)> UnitsOf(string key)
    {
        foreach (var (suffix, units) in UnitsBySuffix)
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal)) return units;
        }
        return Array.Empty<(string, double)>();
    }

    /// <summary>Parses a measurements file; every problem is reported at once as "file:line: ...".</summary>
    public static BenchMeasurements Parse(string text, string sourceName)
    {
        var bench = new BenchMeasurements(sourceName);
        var errors = new List<string>();
        var ranges = HardwareProfile.FigureRanges.ToDictionary(r => r.Key);
        var options = HardwareProfile.OptionKeys.ToHashSet();
        var seen = new Dictionary<string, int>();
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string where = $"{sourceName}:{lineNumber}";
            string line = lines[i];
            int hash = line.IndexOf('#');
            string note = hash >= 0 ? line[(hash + 1)..].Trim() : "";
            string content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length == 0) continue;

            int eq = content.IndexOf('=');
            if (eq <= 0)
            {
                errors.Add($"{where}: expected 'key = value unit', got '{content}'");
                continue;
            }
            string key = content[..eq].Trim();
            string value = content[(eq + 1)..].Trim();
            if (seen.TryGetValue(key, out int first))
            {
                errors.Add($"{where}: {key} is already given on line {first}");
                continue;
            }
            seen[key] = lineNumber;

            if (key == "name")
            {
                if (value.Length == 0) errors.Add($"{where}: name: empty");
                else bench.Name = value;
                continue;
            }
            if (options.Contains(key))
            {
                bool? flag = value.ToLowerInvariant() switch
                {
                    "yes" or "true" => true,
                    "no" or "false" => false,
                    _ => null,
                };
                if (flag == null) errors.Add($"{where}: {key}: expected yes or no, got '{value}'");
                else bench._measurements.Add(new Measurement(key, 0, flag, lineNumber, note));
                continue;
            }
            if (!ranges.TryGetValue(key, out var range))
            {
                errors.Add($"{where}: {key}: unknown key (known: name, {string.Join(", ", ranges.Keys.Concat(options).Order(StringComparer.Ordinal))})");
                continue;
            }

            var units = UnitsOf(key);
            string[] parts = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts.Length > 2)
            {
                errors.Add($"{where}: {key}: expected a number{(units.Count > 0 ? " and a unit (" + string.Join(", ", units.Select(u => u.Unit)) + ")" : "")}, got '{value}'");
                continue;
            }
            if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
            {
                errors.Add($"{where}: {key}: '{parts[0]}' is not a number");
                continue;
            }
            double factor = 1;
            if (units.Count > 0)
            {
                if (parts.Length < 2)
                {
                    errors.Add($"{where}: {key}: needs a unit ({string.Join(", ", units.Select(u => u.Unit))})");
                    continue;
                }
                var unit = units.FirstOrDefault(u => u.Unit == parts[1]);
                if (unit.Unit == null)
                {
                    errors.Add($"{where}: {key}: unit '{parts[1]}' is not one of {string.Join(", ", units.Select(u => u.Unit))}");
                    continue;
                }
                factor = unit.Factor;
            }
            else if (parts.Length == 2)
            {
                errors.Add($"{where}: {key}: a plain number, without a unit, got '{value}'");
                continue;
            }
            double inKeyUnit = number * factor;
            if (inKeyUnit < range.Min || inKeyUnit > range.Max)
            {
                errors.Add($"{where}: {key}: {inKeyUnit.ToString("R", CultureInfo.InvariantCulture)} is outside {range.Min.ToString(CultureInfo.InvariantCulture)}..{range.Max.ToString(CultureInfo.InvariantCulture)}");
                continue;
            }
            bench._measurements.Add(new Measurement(key, inKeyUnit, null, lineNumber, note));
        }
        if (errors.Count > 0) throw new ProfileException(string.Join(System.Environment.NewLine, errors));
        return bench;
    }

    /// <summary>Keys of the base profile no measurement replaced, in profile order.</summary>
    public IReadOnlyList<string> Unmeasured() =>
        HardwareProfile.FigureRanges.Select(r => r.Key).Concat(HardwareProfile.OptionKeys)
            .Where(k => _measurements.All(m => m.Key != k)).ToList();

    /// <summary>
    /// The profile JSON: <paramref name="baseProfileJson"/> with every measured figure replaced (its source says
    /// where it was measured) and every other figure marked as the reference value. Checked by the same loader
    /// <c>simulate --profile</c> uses; a combination the loader refuses (e.g. cold start not above brown-out) is
    /// reported against the measurements file.
    /// </summary>
    public string ToProfileJson(string baseProfileJson, string baseName)
    {
        HardwareProfile.Parse(baseProfileJson, baseName);
        JsonNode root = JsonNode.Parse(baseProfileJson, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        JsonObject figures = root["figures"]!.AsObject();
        string file = Path.GetFileName(SourceName);
        foreach (var m in _measurements)
        {
            figures[m.Key] = new JsonObject
            {
                ["value"] = m.Flag is bool flag ? JsonValue.Create(flag) : JsonValue.Create(m.Value),
                ["source"] = $"measured on the bench: {file}:{m.Line}" + (m.Note.Length > 0 ? " (" + m.Note + ")" : ""),
            };
        }
        foreach (string key in Unmeasured())
        {
            // An optional figure the base profile leaves out stays out (it keeps its default).
            if (figures[key] is not JsonObject figure) continue;
            figure["source"] = "reference figure, not measured on this board: " + (string)figure["source"]!;
        }
        string baseProfileName = (string?)root["name"] ?? baseName;
        root["name"] = Name ?? Path.GetFileNameWithoutExtension(SourceName);
        root["description"] = $"Bench measurements from {file} over the profile '{baseProfileName}'. Measured: "
            + (_measurements.Count > 0 ? string.Join(", ", _measurements.Select(m => m.Key)) : "nothing")
            + ". Every other figure is the reference value (its source says so).";
        string json = root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        try
        {
            HardwareProfile.Parse(json, SourceName);
        }
        catch (ProfileException e)
        {
            throw new ProfileException($"{SourceName}: the measurements do not make a consistent profile:{System.Environment.NewLine}{e.Message}");
        }
        return json + System.Environment.NewLine;
    }
}
