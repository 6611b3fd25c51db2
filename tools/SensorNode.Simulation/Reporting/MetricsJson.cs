using System.Text.Json;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// Reads and writes metrics.json: indented UTF-8 (no BOM) with "\n" line endings, properties in the
/// declaration order of <see cref="SimulationMetrics"/> under their snake_case names, dictionary keys
/// sorted, numbers in invariant form and shortest round-trippable (a double read back is bit-identical).
/// NaN and ±Infinity are written as <c>null</c> and read back as NaN.
/// </summary>
public static class MetricsJson
{
    /// <summary>The metrics as metrics.json text, ending with a newline.</summary>
    public static string Serialize(SimulationMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return JsonSerializer.Serialize(m, MetricsJsonContext.Default.SimulationMetrics) + "\n";
    }

    /// <summary>Parses metrics.json text. Unknown properties are ignored, missing ones keep their defaults.</summary>
    /// <exception cref="JsonException">The text is not a metrics object.</exception>
    public static SimulationMetrics Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        SimulationMetrics? m = JsonSerializer.Deserialize(json, MetricsJsonContext.Default.SimulationMetrics);
        if (m is null)
        {
            throw new JsonException("metrics JSON is 'null', expected an object");
        }

        // An explicit null for a collection must not leave a null where the type promises one.
        m.Policy ??= "";
        m.Environment ??= "";
        m.Profile ??= "";
        m.Faults ??= "";
        m.EnergySpentByPhaseJ ??= new();
        m.FaultsInjected ??= new();
        m.TraceSkippedExamples ??= new();
        return m;
    }

    /// <summary>Writes <paramref name="metrics"/> to <paramref name="path"/>, creating its folder if needed.</summary>
    public static void Write(string path, SimulationMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text = Serialize(metrics);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text);
    }

    /// <summary>Reads a metrics.json file written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not valid metrics JSON (message names the file).</exception>
    public static SimulationMetrics Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text = File.ReadAllText(path);
        try
        {
            return Deserialize(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a metrics file: {e.Message}", e);
        }
    }
}
