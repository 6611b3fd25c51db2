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
public sealed record StoreResult(int Inserted, int Duplicates, int Reused = 0)
{
    /// <summary>
    /// Nodes whose newest message named another policy table than the store held (SenML <c>policy</c>): a push applied, or
    /// a table lost to a re-flash or a flash erase. Empty when none (the same instance, so results still compare equal).
    /// </summary>
    public IReadOnlyList<PolicyChange> PolicyChanges { get; init; } = Array.Empty<PolicyChange>();
}

/// <summary>A node that now runs table <paramref name="To"/>; <paramref name="From"/>: the version it reported before (null: none).</summary>
public sealed record PolicyChange(string NodeId, uint? From, uint To);
