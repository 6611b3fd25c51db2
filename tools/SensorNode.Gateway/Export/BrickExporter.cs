namespace SensorNode.Gateway;

/// <summary>Exports the node inventory as a Brick Schema model in Turtle (docs/gateway.md).</summary>
public static class BrickExporter
{
    /// <summary>
    /// Turtle for <paramref name="nodes"/> in building <paramref name="buildingName"/>; time series ids are
    /// "&lt;prefix&gt;/&lt;node&gt;/state" + "#" + record name.
    /// </summary>
    public static string ToTurtle(IReadOnlyList<NodeStatus> nodes, string buildingName, string prefix) => throw new NotImplementedException();
}
