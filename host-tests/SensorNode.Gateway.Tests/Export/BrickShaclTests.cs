using System.Diagnostics;

namespace SensorNode.Gateway.Tests.Export;

/// <summary>
/// The export against Brick 1.4's SHACL shapes in a real engine (rdf-validate-shacl from npm, tools/brick-shacl:
/// SHACL Core; Brick's SPARQL constraints and rules are not run). Skipped, with the reason, when node, the tool's
/// node_modules (tools/test-all.sh runs npm ci there) or ../shared/data/brick/Brick-1.4.ttl is missing.
/// </summary>
public sealed class BrickShaclTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sensornode-brick-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly IReadOnlyList<NodeStatus> Fleet =
    [
        new NodeStatus("n-1", "Office", 0, null, null, null, null, null) { Building = "north" },
        new NodeStatus("n-2", "Office", 0, null, null, null, null, null) { Building = "north" },
        new NodeStatus("s-1", "Lab", 0, null, null, null, null, null) { Building = "south" },
        new NodeStatus("spare", null, 0, null, null, null, null, null),
    ];

    [BrickShaclFact]
    public void APortfolioWithZonesAndAFault_ConformsToBrickShapes()
    {
        string turtle = BrickExporter.ToTurtle(Fleet, "HQ", "sensornode", [new SensorNode.Gateway.Faults.FaultMark("n-1", "2026-01-01", "too hot")], store: "postgres://db/fleet", hvacZones: true);

        (int exit, string output) = Validate(turtle);

        Assert.True(exit == 0, output);
    }

    [BrickShaclFact]
    public void AReferenceWithoutItsTimeseriesId_IsAViolation()
    {
        string turtle = BrickExporter.ToTurtle(Fleet, "HQ", "sensornode").Replace("ref:hasTimeseriesId", "ref:storedAt \"x\" ;\n        rdfs:comment");

        (int exit, string output) = Validate(turtle);

        Assert.True(exit == 1, output);
        Assert.Contains("hasTimeseriesId", output);
    }

    private (int Exit, string Output) Validate(string turtle)
    {
        string model = Path.Combine(_folder, "model.ttl");
        File.WriteAllText(model, turtle);
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = ToolFolder! };
        info.ArgumentList.Add("validate.mjs");
        info.ArgumentList.Add(BrickVocabularyTests.FindOntology()!);
        info.ArgumentList.Add(model);
        using Process process = Process.Start(info)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the SHACL validation did not finish in 120 s");
        return (process.ExitCode, output + error.Result);
    }

    private static readonly string? ToolFolder = FindTool();

    private static string? FindTool()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tools", "brick-shacl");
            if (File.Exists(Path.Combine(candidate, "validate.mjs"))) return candidate;
        }
        return null;
    }

    private static bool HasNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "node")));

    private sealed class BrickShaclFactAttribute : FactAttribute
    {
        public BrickShaclFactAttribute()
        {
            if (BrickVocabularyTests.FindOntology() == null) Skip = "../shared/data/brick/Brick-1.4.ttl not found beside the checkout";
            else if (!HasNode()) Skip = "node is not installed: Brick's SHACL shapes are not run (apt-get install nodejs npm, then tools/test-all.sh)";
            else if (ToolFolder == null || !Directory.Exists(Path.Combine(ToolFolder, "node_modules"))) Skip = "tools/brick-shacl/node_modules is missing (npm ci --prefix tools/brick-shacl, as tools/test-all.sh does)";
        }
    }
}
