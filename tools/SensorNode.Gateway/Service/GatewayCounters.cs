namespace SensorNode.Gateway.Service;

/// <summary>
/// What a <see cref="GatewayService"/> has done since it started, for tests and the status line. Thread-safe: the
/// consumer increments, anyone reads. All counts are 0 to <see cref="long.MaxValue"/>.
/// </summary>
public sealed class GatewayCounters
{
    private long _received;
    private long _stored;
    private long _duplicates;
    private long _deadLettered;
    private long _acknowledged;
    private long _released;
    private long _commandAcks;
    private long _batches;
    private long _reconnects;
    private long _droppedQos0;
    private long _deferred;
    private long _faultReports;
    private long _failedBatches;
    private long _reused;
    private long _queuedBytes;
    private long _peakQueuedBytes;

    /// <summary>State messages received (before decoding; a redelivered message counts again).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Readings inserted into the store (new (node, seq) keys).</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Readings whose (node, seq) key was already stored: replays and redeliveries.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>State messages that failed to decode and went to the dead-letter table.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Messages (state, availability, ack) whose PUBACK was sent after they were committed.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Queued commands published to their node's cmd topic.</summary>
    public long Released => Interlocked.Read(ref _released);

    /// <summary>Command acknowledgements from nodes that matched a released command.</summary>
    public long CommandAcks => Interlocked.Read(ref _commandAcks);

    /// <summary>Store transactions (one per batch).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Connections made after the first one (the broker went away and came back).</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>QoS 0 messages dropped on arrival because the queue to the store was at its QoS 0 bound.</summary>
    public long DroppedQos0 => Interlocked.Read(ref _droppedQos0);

    /// <summary>Payload bytes waiting for the store now (each message's kept bytes, at most 64 KiB + 1).</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>The most payload bytes that ever waited for the store at once.</summary>
    public long PeakQueuedBytes => Interlocked.Read(ref _peakQueuedBytes);

    /// <summary>State messages rejected for a retryable reason (clock) and left unacknowledged for redelivery; a retry counts again.</summary>
    public long Deferred => Interlocked.Read(ref _deferred);

    /// <summary>Store transactions that failed (nothing of them acknowledged; the broker redelivers).</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>Of <see cref="Stored"/>: readings that took over a (node, seq) stored earlier with other content and an earlier time (seq reuse after an erase).</summary>
    public long Reused => Interlocked.Read(ref _reused);

    internal void AddReused(int count) => Interlocked.Add(ref _reused, count);

    internal void AddFailedBatch() => Interlocked.Increment(ref _failedBatches);

    internal void AddDeferred() => Interlocked.Increment(ref _deferred);

    /// <summary>New fault reports stored (retained repeats are not counted).</summary>
    public long FaultReports => Interlocked.Read(ref _faultReports);

    internal void AddFaultReport() => Interlocked.Increment(ref _faultReports);

    internal void AddDroppedQos0() => Interlocked.Increment(ref _droppedQos0);

    internal void AddQueued(long bytes)
    {
        long now = Interlocked.Add(ref _queuedBytes, bytes);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peakQueuedBytes)) && Interlocked.CompareExchange(ref _peakQueuedBytes, now, peak) != peak)
        {
        }
    }

    internal void AddReceived() => Interlocked.Increment(ref _received);
    internal void AddStored(int count, int duplicates) { Interlocked.Add(ref _stored, count); Interlocked.Add(ref _duplicates, duplicates); }
    internal void AddDeadLettered() => Interlocked.Increment(ref _deadLettered);
    internal void AddAcknowledged(int count) => Interlocked.Add(ref _acknowledged, count);
    internal void AddReleased() => Interlocked.Increment(ref _released);
    internal void AddCommandAck() => Interlocked.Increment(ref _commandAcks);
    internal void AddBatch() => Interlocked.Increment(ref _batches);
    internal void AddReconnect() => Interlocked.Increment(ref _reconnects);

    /// <summary>One line for logs: "received 12 stored 10 dup 1 dead 1 acked 12 released 0 batches 3 reconnects 0".</summary>
    public override string ToString() =>
        $"received {Received} stored {Stored} reused {Reused} dup {Duplicates} dead {DeadLettered} deferred {Deferred} faults {FaultReports} acked {Acknowledged} released {Released} cmd-acks {CommandAcks} batches {Batches} failed-batches {FailedBatches} reconnects {Reconnects} qos0-dropped {DroppedQos0} queued {QueuedBytes} B";
}
