namespace SensorNode.Gateway;

/// <summary>What a store call did with the readings it was given.</summary>
/// <param name="Inserted">Readings new to the store, including <paramref name="Reused"/>.</param>
/// <param name="Duplicates">
/// Readings whose (node, seq) was already stored with the same content (QoS 1 redelivery, another gateway): ignored; or
/// with different content but not a later time (kept aside in superseded_readings as 'conflict').
/// </param>
/// <param name="Reused">
/// Of <paramref name="Inserted"/>: readings whose (node, seq) was stored with different content and an earlier time: the
/// node reused the sequence number (its storage was erased). The new reading replaced the old, which went to
/// superseded_readings as 'replaced'.
/// </param>
public sealed record StoreResult(int Inserted, int Duplicates, int Reused = 0);
