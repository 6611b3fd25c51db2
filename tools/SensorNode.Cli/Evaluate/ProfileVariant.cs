using System.Text.Json;
using System.Text.Json.Nodes;
using SensorNode.Simulation.Physics;

namespace SensorNode.Cli;

/// <summary>
/// A hardware profile with one figure changed: the base profile's JSON with <c>figures.KEY.value</c> replaced, parsed
/// again, so the figure's range check and every cross-check of <see cref="HardwareProfile.Parse"/> apply to the variant.
/// </summary>
public static class ProfileVariant
{
    public static HardwareProfile With(string baseJson, string baseName, string figure, double value)
    {
        JsonNode root = JsonNode.Parse(baseJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new ProfileException($"{baseName}: empty profile");
        JsonObject entry = root["figures"]?[figure] as JsonObject ?? throw new ProfileException($"{baseName}: figures.{figure}: missing");
        entry["value"] = value;
        entry["source"] = $"sweep: {figure} = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({entry["source"]?.GetValue<string>()})";
        string name = root["name"]?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(baseName);
        root["name"] = $"{name}, {figure} = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return HardwareProfile.Parse(root.ToJsonString(), baseName);
    }
}
