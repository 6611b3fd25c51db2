using System.Text.Json;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests;

/// <summary>The simulator on the real office trace of ../shared/data (skipped with the reason when it is absent).</summary>
public sealed class PibleTraceSimulationTests
{
    internal static string? SharedTrace()
    {
        string? env = System.Environment.GetEnvironmentVariable("SENSORNODE_SHARED_DATA");
        var candidates = new List<string>();
        if (env != null) candidates.Add(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            candidates.Add(Path.Combine(dir.FullName, "shared", "data"));
        return candidates.Select(c => Path.Combine(c, "pible", "ff66-office-2019-09-30_to_11-03.txt")).FirstOrDefault(File.Exists);
    }

    public sealed class RequiresTraceFact : FactAttribute
    {
        public RequiresTraceFact()
        {
            if (SharedTrace() == null) Skip = "../shared/data/pible/ff66-office-2019-09-30_to_11-03.txt not found (set SENSORNODE_SHARED_DATA): real-trace test skipped";
        }
    }

    [RequiresTraceFact]
    public void Ff66Office_FirstWeek_RunsWithEveryMotionEventOfThoseDays()
    {
        string outDir = Directory.CreateTempSubdirectory("sensornode-ff66-").FullName;
        try
        {
            int code = CommandLine.Dispatch(new[] { "simulate", "--trace", SharedTrace()!, "--days", "7", "--out", outDir, "--no-plots", "--quiet" }, TextWriter.Null, TextWriter.Null);

            Assert.Equal(CommandLine.Ok, code);
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
            JsonElement m = metrics.RootElement;
            Assert.InRange(m.GetProperty("simulated_days").GetDouble(), 6.5, 7.0);   // the trace starts at 11:16 on its first day
            Assert.InRange(m.GetProperty("events_total").GetInt64(), 100, 600);   // ~33/day, weekday-heavy
            Assert.True(m.GetProperty("energy_harvested_j").GetDouble() > 10);
            Assert.True(m.GetProperty("readings_delivered").GetInt64() > 0);
        }
        finally { Directory.Delete(outDir, true); }
    }
}
