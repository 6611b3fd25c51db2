namespace SensorNode.Cli;

/// <summary>One nanoff invocation of a flash plan: what it does, in words, and its exact arguments (one list item per argument).</summary>
internal sealed record NanoffStep(string Title, IReadOnlyList<string> Arguments);
