using System.Text.RegularExpressions;
using SensorNode.Gateway.Faults;

namespace SensorNode.Gateway.Tests.Export;

/// <summary>
/// Every class and relationship the Brick export uses is defined in Brick 1.4 (../shared/data/brick/Brick-1.4.ttl,
/// which holds the ontology, RealEstateCore's location classes and the ref: vocabulary) and none of them is deprecated
/// there. Skipped, with the reason, when ../shared/data is absent; under CI=true that is a failure.
/// </summary>
public sealed partial class BrickVocabularyTests
{
    private static readonly string? OntologyPath = FindOntology();

    [BrickOntologyFact]
    public void EveryTermTheExportUses_IsDefinedInBrick14_AndNotDeprecated()
    {
        IReadOnlyList<NodeStatus> fleet =
        [
            new NodeStatus("n-1", "Office", 0, null, null, null, null, null) { Building = "north" },
            new NodeStatus("s-1", null, 0, null, null, null, null, null) { Building = "south" },
        ];
        string turtle = BrickExporter.ToTurtle(fleet, "B", "p", [new FaultMark("n-1", "2026-01-01", "too hot")], store: "gateway.db", hvacZones: true)
            + BrickExporter.ToTurtle(fleet, "B", "p");
        var used = new SortedSet<string>(UsedTerm().Matches(turtle).Select(m => m.Value), StringComparer.Ordinal);
        string ontology = File.ReadAllText(OntologyPath!);

        Assert.Contains("brick:Sensor_Equipment", used);
        Assert.Contains("rec:Portfolio", used);
        Assert.Contains("ref:storedAt", used);
        foreach (string term in used)
        {
            // A definition is a subject at the start of a line: "brick:Sensor_Equipment a owl:Class, ...".
            Match definition = Regex.Match(ontology, "^" + Regex.Escape(term) + " a [^\\n]*(?:\\n[ \\t]+[^\\n]*)*", RegexOptions.Multiline);
            Assert.True(definition.Success, $"{term} is not defined in Brick-1.4.ttl");
            Assert.DoesNotContain("owl:deprecated true", definition.Value);
        }
    }

    // The prefixed names of the export's three vocabularies (rdfs: is W3C's and needs no check).
    [GeneratedRegex(@"\b(?:brick|rec|ref):[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex UsedTerm();

    internal static string? FindOntology()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "data", "brick", "Brick-1.4.ttl");
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>Skipped, with the reason, when Brick-1.4.ttl is not beside the checkout (not under CI=true: a failure there).</summary>
    private sealed class BrickOntologyFactAttribute : FactAttribute
    {
        public BrickOntologyFactAttribute()
        {
            bool ci = Environment.GetEnvironmentVariable("CI") is "true" or "TRUE" or "1" or "yes";
            if (OntologyPath == null && !ci) Skip = "../shared/data/brick/Brick-1.4.ttl not found beside the checkout: the Brick vocabulary is not checked";
        }
    }
}
