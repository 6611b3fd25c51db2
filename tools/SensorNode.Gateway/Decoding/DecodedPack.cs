namespace SensorNode.Gateway;

/// <summary>A validated state message: its readings in pack order (oldest first) and its energy records.</summary>
/// <param name="NodeId">The node (from the topic, confirmed by the SenML base name).</param>
/// <param name="Readings">The readings; empty when the pack carried only energy records.</param>
/// <param name="Energy">The energy records; null when the pack had none.</param>
public sealed record DecodedPack(string NodeId, IReadOnlyList<DecodedReading> Readings, DecodedEnergy? Energy);
