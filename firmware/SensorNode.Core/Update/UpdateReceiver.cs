using SensorNode.Core.Energy;
using SensorNode.Core.Hardware;
using SensorNode.Core.Telemetry;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// The update part of a transmitting wake above the safe voltage (docs/updates.md): take a retained cmd/update
    /// (manifest) and start or resume its set in the download slot, then take cmd/chunk messages one after the other
    /// (the gateway publishes the next chunk when it sees the ack of the previous one) while the energy budget lasts,
    /// each acked after it is in flash; when every chunk is in, verify the image and stage it for the loader; finally
    /// publish the app report when the loader recorded a change. Never throws for bad payloads.
    /// </summary>
    public sealed class UpdateReceiver
    {
        /// <summary>
        /// Least time between two looks for a new manifest, s: each look is a SUBSCRIBE and a wait for a retained message
        /// that is almost never there (~0.24 s of radio, ~0.12 J), so it is done at most four times a day. A download in
        /// progress asks for its chunks at every transmitting wake.
        /// </summary>
        public const int PollIntervalSeconds = 6 * 3600;

        /// <summary>Chunk size the safe level is computed for before any manifest is known, bytes (the package default).</summary>
        public const int DefaultChunkBytes = 1024;

        private readonly IPersistentStorage _storage;
        private readonly IMqttSession _mqtt;
        private readonly MqttTopics _topics;
        private readonly int _timeoutMilliseconds;
        private byte[] _buffer;

        /// <summary>A receiver over the wake's storage and open MQTT session. Does no I/O.</summary>
        public UpdateReceiver(IPersistentStorage storage, IMqttSession mqtt, MqttTopics topics, int timeoutMilliseconds)
        {
            _storage = storage;
            _mqtt = mqtt;
            _topics = topics;
            _timeoutMilliseconds = timeoutMilliseconds;
        }

        /// <summary>
        /// Runs the update step. <paramref name="supercap"/>, <paramref name="supercapMillivolts"/>,
        /// <paramref name="floorMillivolts"/> (the brown-out guard's radio floor) and <paramref name="radioMilliamps"/> feed
        /// <see cref="UpdateFetchBudget"/>: below its safe level nothing is fetched (not even the manifest's subscribe), but a
        /// pending app report still goes. The manifest is looked for at most every <see cref="PollIntervalSeconds"/> by
        /// <paramref name="nowUnixSeconds"/> (0: time unknown, look), or whenever a download is incomplete. What happened goes
        /// into <paramref name="report"/>.
        /// </summary>
        public void Run(SupercapModel supercap, int supercapMillivolts, int floorMillivolts, int radioMilliamps, long nowUnixSeconds, WakeReport report)
        {
            LoaderRecordStore records = new LoaderRecordStore(_storage);
            LoaderRecord record = new LoaderRecord();
            records.Load(record);
            report.AppVersion = record.RunningVersion;
            if (_buffer == null)
            {
                _buffer = new byte[UpdateCommands.MaxPayloadBytes];
            }
            int slot = AppLoader.DownloadSlot(record);
            ChunkStore store = new ChunkStore(_storage, slot);
            UpdateManifest manifest = store.LoadManifest();
            int chunkBytes = manifest != null ? manifest.ChunkBytes : DefaultChunkBytes;
            // A trial set on its first wake keeps its slot until it is confirmed (at the end of this wake).
            int safeMillivolts = UpdateFetchBudget.SafeMillivolts(supercap, floorMillivolts, chunkBytes, radioMilliamps);
            if (!record.TrialBooting && supercapMillivolts >= safeMillivolts)
            {
                report.UpdateChecked = true;
                bool downloading = manifest != null && !AppLoader.Holds(record, manifest.Version) && !AppLoader.Refuses(record, manifest.Version);
                if (downloading || nowUnixSeconds <= 0 || nowUnixSeconds - record.LastPollUnixSeconds >= PollIntervalSeconds)
                {
                    ReceiveManifest(records, record, store, report);
                    record.LastPollUnixSeconds = nowUnixSeconds > 0 && nowUnixSeconds <= uint.MaxValue ? (uint)nowUnixSeconds : 0;
                    records.Save(record);
                    manifest = store.LoadManifest();
                }
                if (manifest != null && !AppLoader.Holds(record, manifest.Version) && !AppLoader.Refuses(record, manifest.Version))
                {
                    int allowed = UpdateFetchBudget.ChunksAllowed(supercap, supercapMillivolts, safeMillivolts, floorMillivolts,
                        UpdateFetchBudget.WakeBudgetMillijoules * 1000L, manifest.ChunkBytes, radioMilliamps);
                    report.UpdateChunksAllowed = allowed;
                    if (store.CountPresent(manifest) < manifest.ChunkCount)
                    {
                        ReceiveChunks(store, manifest, allowed, report);
                    }
                    report.UpdateChunksPresent = store.CountPresent(manifest);
                    report.UpdateChunkCount = manifest.ChunkCount;
                    if (report.UpdateChunksPresent == manifest.ChunkCount && store.Verify(manifest))
                    {
                        AppLoader.Stage(record, slot, manifest.Version);
                        if (records.Save(record))
                        {
                            report.UpdateStagedVersion = manifest.Version;
                        }
                    }
                }
            }
            if (record.ReportPending)
            {
                int length = AppReport.Write(_buffer, record);
                if (length > 0 && _mqtt.PublishQos1(_topics.App, _buffer, length, true, _timeoutMilliseconds) == MqttPublishResult.Acknowledged)
                {
                    record.ReportPending = false;
                    report.AppReportPublished = records.Save(record);
                }
            }
        }

        // cmd/update: a new set starts in the download slot (a set still on trial there is dropped first); the same
        // version again resumes; a set already confirmed or staged is acked without a write.
        private void ReceiveManifest(LoaderRecordStore records, LoaderRecord record, ChunkStore store, WakeReport report)
        {
            int length = _mqtt.ReceiveRetained(string.Concat(_topics.CommandPrefix, UpdateCommands.ManifestCommand), _buffer, _timeoutMilliseconds);
            if (length <= 0)
            {
                return;
            }
            uint id;
            int bodyStart = CommandPayload.TryParseHeader(_buffer, length, out id);
            string rejected = null;
            UpdateManifest manifest = null;
            UpdateManifestError error = UpdateManifestError.TooShort;
            if (bodyStart < 0)
            {
                rejected = CommandAck.BadCommand;
            }
            else if (!UpdateManifest.TryParse(_buffer, bodyStart, length - bodyStart, out manifest, out error))
            {
                rejected = UpdateCommands.BadManifest;
            }
            else if (AppLoader.Refuses(record, manifest.Version))
            {
                rejected = UpdateCommands.RolledBack;
            }
            else if (!AppLoader.Holds(record, manifest.Version))
            {
                UpdateManifest stored = store.LoadManifest();
                if (stored == null || stored.Version != manifest.Version || stored.ImageCrc != manifest.ImageCrc)
                {
                    if (record.TrialSlot == store.Slot)
                    {
                        // The slot is about to be overwritten: its staged set can no longer be run.
                        record.TrialSlot = -1;
                        record.TrialVersion = 0;
                        record.TrialAttempts = 0;
                        if (!records.Save(record))
                        {
                            rejected = CommandAck.WriteFailed;
                        }
                    }
                    if (rejected == null && !store.Begin(_buffer, bodyStart, length - bodyStart))
                    {
                        rejected = CommandAck.WriteFailed;
                    }
                    report.UpdateManifestStarted = rejected == null;
                }
            }
            report.UpdateManifestVersion = manifest != null ? manifest.Version : 0;
            report.UpdateManifestRejected = rejected;
            int ackLength = rejected == null ? CommandAck.WriteApplied(_buffer, id) : CommandAck.WriteRejected(_buffer, id, rejected);
            _mqtt.PublishQos1(_topics.Ack, _buffer, ackLength, false, _timeoutMilliseconds);
        }

        // cmd/chunk, up to `allowed` times: each stored (or refused) and acked before the next is asked for.
        private void ReceiveChunks(ChunkStore store, UpdateManifest manifest, int allowed, WakeReport report)
        {
            string topic = string.Concat(_topics.CommandPrefix, UpdateCommands.ChunkCommand);
            int previousIndex = -1;
            for (int n = 0; n < allowed; n++)
            {
                int length = _mqtt.ReceiveRetained(topic, _buffer, _timeoutMilliseconds);
                if (length <= 0)
                {
                    return;
                }
                uint id;
                uint version;
                int index;
                int bodyStart = CommandPayload.TryParseHeader(_buffer, length, out id);
                string rejected = null;
                bool stop = false;
                if (bodyStart < 0 || !UpdateCommands.TryReadChunkHeader(_buffer, bodyStart, length, out version, out index))
                {
                    rejected = CommandAck.BadCommand;
                    stop = true;
                }
                else if (version != manifest.Version)
                {
                    rejected = UpdateCommands.NoManifest;
                }
                else if (index == previousIndex)
                {
                    // The retained message was not replaced yet (the gateway has not seen the last ack): stop for this wake.
                    return;
                }
                else
                {
                    previousIndex = index;
                    int dataStart = bodyStart + UpdateCommands.ChunkHeaderBytes;
                    ChunkOutcome outcome = store.Store(manifest, index, _buffer, dataStart, length - dataStart);
                    if (outcome == ChunkOutcome.BadChunk)
                    {
                        rejected = UpdateCommands.BadChunk;
                        report.UpdateChunksRejected++;
                    }
                    else if (outcome == ChunkOutcome.WriteFailed)
                    {
                        rejected = CommandAck.WriteFailed;
                        stop = true;
                    }
                    else if (outcome == ChunkOutcome.Stored)
                    {
                        report.UpdateChunksStored++;
                    }
                }
                int ackLength = rejected == null ? CommandAck.WriteApplied(_buffer, id) : CommandAck.WriteRejected(_buffer, id, rejected);
                if (_mqtt.PublishQos1(_topics.Ack, _buffer, ackLength, false, _timeoutMilliseconds) != MqttPublishResult.Acknowledged || stop)
                {
                    return;
                }
            }
        }
    }
}
