using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SensorNode.Core.Tests.Firmware;

/// <summary>
/// The device projects' package check: a packages.config restores only what it lists and nanoCLR cannot load an
/// assembly whose references are not deployed, so every pinned package must come with the packages its published
/// nuspec depends on (at or above the nuspec's minimum), and the .nfproj must reference exactly the pinned packages.
/// Dependency data: firmware/package-dependencies.json (one entry per pinned package and version, with its nuspec).
/// </summary>
internal static class PackageClosure
{
    public sealed record Entry(string Id, string Version, string Nuspec, string Read, IReadOnlyDictionary<string, string> Dependencies);

    public static IReadOnlyList<Entry> LoadData(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("packages").EnumerateArray().Select(p => new Entry(
            p.GetProperty("id").GetString()!,
            p.GetProperty("version").GetString()!,
            p.GetProperty("nuspec").GetString()!,
            p.GetProperty("read").GetString()!,
            p.GetProperty("dependencies").EnumerateObject().ToDictionary(d => d.Name, d => d.Value.GetString()!, StringComparer.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>id -> version of every &lt;package&gt; in a packages.config.</summary>
    public static Dictionary<string, string> ReadPackagesConfig(string xml) =>
        XDocument.Parse(xml).Root!.Elements("package")
            .ToDictionary(p => (string)p.Attribute("id")!, p => (string)p.Attribute("version")!, StringComparer.OrdinalIgnoreCase);

    /// <summary>(id, version) of every HintPath into the solution's packages folder.</summary>
    public static HashSet<(string Id, string Version)> ReadHintPaths(string nfproj) =>
        Regex.Matches(nfproj, @"<HintPath>[^<]*?packages\\(?<id>[A-Za-z][A-Za-z0-9.]*?)\.(?<ver>\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)\\lib\\[^<]+</HintPath>")
            .Select(m => (m.Groups["id"].Value, m.Groups["ver"].Value))
            .ToHashSet();

    /// <summary>Everything wrong with one project's pins; empty when the closure is complete and the nfproj agrees.</summary>
    public static List<string> Check(string projectName, string packagesConfig, string nfproj, IReadOnlyList<Entry> data)
    {
        var problems = new List<string>();
        var pinned = ReadPackagesConfig(packagesConfig);
        foreach (var (id, version) in pinned.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var entry = data.FirstOrDefault(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase) && e.Version == version);
            if (entry == null)
            {
                problems.Add($"{projectName}: {id} {version} has no entry in firmware/package-dependencies.json (add its nuspec dependencies at that version)");
                continue;
            }

            foreach (var (dep, min) in entry.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                if (!pinned.TryGetValue(dep, out var have))
                {
                    problems.Add($"{projectName}: {id} {version} depends on {dep} >= {min} ({entry.Nuspec}), which packages.config does not pin");
                }
                else if (CompareVersions(have, min) < 0)
                {
                    problems.Add($"{projectName}: {id} {version} depends on {dep} >= {min} ({entry.Nuspec}), packages.config pins {have}");
                }
            }
        }

        var referenced = ReadHintPaths(nfproj);
        foreach (var (id, version) in referenced.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!pinned.TryGetValue(id, out var have))
            {
                problems.Add($"{projectName}: the nfproj references {id}.{version} (HintPath) but packages.config does not pin {id}");
            }
            else if (have != version)
            {
                problems.Add($"{projectName}: the nfproj references {id}.{version} (HintPath) but packages.config pins {id} {have}");
            }
        }

        foreach (var (id, version) in pinned.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!referenced.Any(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{projectName}: packages.config pins {id} {version} but the nfproj has no HintPath into packages\\{id}.{version}\\lib");
            }
        }

        return problems;
    }

    /// <summary>Numeric comparison of dotted versions (a pre-release suffix sorts below its release, as in NuGet).</summary>
    public static int CompareVersions(string a, string b)
    {
        static (int[] Parts, string Pre) Split(string v)
        {
            int dash = v.IndexOf('-');
            string core = dash < 0 ? v : v[..dash];
            return (core.Split('.').Select(int.Parse).ToArray(), dash < 0 ? "" : v[(dash + 1)..]);
        }

        var (pa, prea) = Split(a);
        var (pb, preb) = Split(b);
        for (int i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            int x = i < pa.Length ? pa[i] : 0, y = i < pb.Length ? pb[i] : 0;
            if (x != y) return x.CompareTo(y);
        }

        if (prea.Length == 0 || preb.Length == 0) return (prea.Length == 0 ? 1 : 0) - (preb.Length == 0 ? 1 : 0);
        return string.CompareOrdinal(prea, preb);
    }
}
