namespace SensorNode.Gateway;

/// <summary>What a store call did with the readings it was given.</summary>
/// <param name="Inserted">Readings new to the store.</param>
/// <param name="Duplicates">Readings whose (node, seq) was already stored (QoS 1 redelivery, another gateway): ignored.</param>
public sealed record StoreResult(int Inserted, int Duplicates);
