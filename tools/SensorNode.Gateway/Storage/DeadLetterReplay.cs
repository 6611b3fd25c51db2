namespace SensorNode.Gateway;

/// <summary>What a replay did: dead letters stored and removed, readings in them (new or already stored), and those that still fail.</summary>
public sealed record DeadLetterReplayResult(int Replayed, int Readings, int StillRejected, int Skipped);

/// <summary>
/// <c>sensornode gateway replay</c>: decodes the dead letters of state topics again, with today's clock and rules,
/// once the cause of their rejection is fixed (a gateway clock that was behind, a decoder that was too strict). Those
/// that decode now are stored and removed from the dead letters (a crash between the two only stores a duplicate,
/// which the (node, seq) key absorbs); the others stay. Truncated ones (longer than the decode limit) and other topics
/// (availability, ack) are skipped.
/// </summary>
public static class DeadLetterReplay
{
    private const int Page = 500;

    /// <summary>Replays every dead letter, or only <paramref name="onlyId"/>; <paramref name="nowUnixSeconds"/> is the clock the decoder checks against.</summary>
    public static DeadLetterReplayResult Run(ReadingStore store, string prefix, long nowUnixSeconds, long? onlyId = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        int replayed = 0, readings = 0, still = 0, skipped = 0;
        long after = onlyId is long id ? id - 1 : 0;
        while (true)
        {
            var rows = store.DeadLetterRows(after, onlyId == null ? Page : 1);
            if (rows.Count == 0 || (onlyId != null && rows[0].Id != onlyId)) break;
            foreach ((long rowId, string topic, byte[] payload, int length) in rows)
            {
                after = rowId;
                if (length != payload.Length || !GatewayTopics.TryParse(topic, prefix, out TopicInfo? info) || info!.Kind != "state")
                {
                    skipped++;
                    continue;
                }
                if (!SenmlDecoder.TryDecode(topic, payload, prefix, nowUnixSeconds, out DecodedPack? pack, out _) || pack == null)
                {
                    still++;
                    continue;
                }
                store.Store(pack, nowUnixSeconds * 1000);
                store.DeleteDeadLetter(rowId);
                replayed++;
                readings += pack.Readings.Count;
            }
            if (onlyId != null) break;
        }
        return new DeadLetterReplayResult(replayed, readings, still, skipped);
    }
}
