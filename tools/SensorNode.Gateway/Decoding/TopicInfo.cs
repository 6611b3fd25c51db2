namespace SensorNode.Gateway;

/// <summary>A parsed node topic "&lt;prefix&gt;/&lt;node&gt;/&lt;kind&gt;[/...]".</summary>
/// <param name="NodeId">The node, 1-32 chars of [A-Za-z0-9._-].</param>
/// <param name="Kind">"state", "availability", "ack" or "cmd" (the command name after "cmd/" is not kept).</param>
public sealed record TopicInfo(string NodeId, string Kind);
