namespace SensorNode.Gateway;

/// <summary>
/// The node-id rule of docs/mqtt.md as a test (the core's check throws): 1-32 chars of [A-Za-z0-9._-].
/// Such an id is safe as a topic level, a SenML name part, a CSV cell and (percent-encoded anyway) an IRI part.
/// </summary>
internal static class NodeIdRule
{
    internal const int MaxLength = 32;

    internal static bool IsValid(string? nodeId) =>
        !string.IsNullOrEmpty(nodeId) && nodeId.Length <= MaxLength && nodeId.All(IsAllowed);

    private static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_';
}
