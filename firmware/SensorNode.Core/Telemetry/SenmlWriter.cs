using System;
using SensorNode.Core.Numerics;
using SensorNode.Core.Storage;

namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// Encodes readings and energy figures as a SenML JSON pack (RFC 8428) into a reused buffer, ASCII,
    /// without building strings or allocating. The payload is specified in docs/mqtt.md. Not thread-safe.
    /// </summary>
    public sealed class SenmlWriter
    {
        /// <summary>
        /// Bytes of the envelope (brackets, base fields, the four energy records, the policy version, the watch records) at
        /// most: 277 + 30 + 76, reached with a 32-char node id and every number at the widest its type allows.
        /// </summary>
        public const int MaxEnvelopeBytes = 277 + MaxPolicyVersionBytes + MaxWatchBytes;

        /// <summary>Bytes the policy version adds at most: ",{"n":"policy","v":4294967295}" (30).</summary>
        public const int MaxPolicyVersionBytes = 30;

        /// <summary>Bytes the watch records add at most: ",{"n":"watch","u":"s","v":2147483647}" (37) and ",{"n":"watch_active","u":"count","v":1}" (39).</summary>
        public const int MaxWatchBytes = 76;

        /// <summary>
        /// Bytes one reading adds at most (all records, a base-time switch, widest numbers): 424 for the six original
        /// records plus <see cref="MaxCoverageBytes"/>.
        /// </summary>
        public const int MaxReadingBytes = 424 + MaxCoverageBytes;

        /// <summary>Bytes the coverage records "armed" (62) and "brownout" (60) add to a reading at most (widest numbers): 122.</summary>
        public const int MaxCoverageBytes = 122;

        /// <summary>
        /// Bytes the event RTC's two motion-time records add to a reading at most, widest "t" and value included: 137
        /// (",{"n":"motion_first","u":"s","t":-9223372036854775806,"v":2147483647}" is 69, "motion_last" one less).
        /// </summary>
        public const int MaxMotionTimesBytes = 137;

        private readonly byte[] _buffer;
        private int _position;
        private bool _overflow;
        private int _records;

        /// <summary>
        /// Buffer size with which <see cref="TryEncode"/> never fails for up to <paramref name="readingCount"/>
        /// readings, whatever their values. Typical packs are about 220 bytes plus 290 per reading (docs/mqtt.md).
        /// </summary>
        public static int CapacityFor(int readingCount)
        {
            return MaxEnvelopeBytes + (MaxReadingBytes + MaxMotionTimesBytes) * readingCount;
        }

        /// <summary>
        /// A writer with a buffer of <paramref name="capacityBytes"/> (1 upwards; see <see cref="CapacityFor"/>). Throws <see cref="ArgumentOutOfRangeException"/> for less than 1.
        /// </summary>
        public SenmlWriter(int capacityBytes)
        {
            if (capacityBytes < 1)
            {
                throw new ArgumentOutOfRangeException("capacityBytes", "At least 1 byte.");
            }
            _buffer = new byte[capacityBytes];
        }

        /// <summary>The buffer the payload is written to; the payload is its first <see cref="Length"/> bytes.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Bytes of the last successful <see cref="TryEncode"/>; 0 before it and after a failed one.</summary>
        public int Length { get; private set; }

        /// <summary>
        /// Encodes the first <paramref name="count"/> of <paramref name="readings"/> (oldest first, as in the log)
        /// and <paramref name="energy"/> for node <paramref name="nodeId"/>. Returns false, with <see cref="Length"/> 0,
        /// when the pack does not fit the buffer. Throws <see cref="ArgumentException"/> for a node id outside
        /// 1-32 chars of [A-Za-z0-9._-], or a count outside 0..readings.Length. Allocates nothing otherwise.
        /// </summary>
        public bool TryEncode(string nodeId, Reading[] readings, int count, EnergyTelemetry energy)
        {
            NodeIds.Check(nodeId);
            if (readings == null)
            {
                throw new ArgumentNullException("readings");
            }
            if (count < 0 || count > readings.Length)
            {
                throw new ArgumentOutOfRangeException("count", "0 to readings.Length.");
            }

            _position = 0;
            _overflow = false;
            _records = 0;
            Length = 0;

            // Base time: the newest known reading time. Readings of unknown time switch it to 0 for their records.
            long baseTime = 0;
            for (int i = 0; i < count; i++)
            {
                if (HasTime(readings[i]) && readings[i].UnixSeconds > baseTime)
                {
                    baseTime = readings[i].UnixSeconds;
                }
            }

            Put("[");
            OpenRecord();
            Put("\"bn\":\"");
            Put(SenmlSchema.BaseNamePrefix);
            Put(nodeId);
            Put(":\",");
            if (baseTime != 0)
            {
                Put("\"bt\":");
                PutNumber(baseTime, 0);
                Put(",");
            }
            CloseRecord(SenmlSchema.StoredEnergy, SenmlSchema.UnitJoule, false, 0, energy.StoredMicrojoules, 6);
            WriteRecord(SenmlSchema.WakeEnergy, SenmlSchema.UnitJoule, false, 0, energy.LastWakeCostMicrojoules, 6);
            WriteRecord(SenmlSchema.HarvestPower, SenmlSchema.UnitWatt, false, 0, energy.HarvestMicrowatts, 6);
            WriteRecord(SenmlSchema.Dropped, SenmlSchema.UnitCount, false, 0, energy.DroppedReadings, 0);
            if (energy.PolicyVersion != 0)
            {
                WriteRecord(SenmlSchema.PolicyVersion, null, false, 0, energy.PolicyVersion, 0);
            }
            // The commitment runs from the base time: without a known time there is none to announce.
            if (energy.WatchSeconds > 0 && baseTime != 0)
            {
                WriteRecord(SenmlSchema.Watch, SenmlSchema.UnitSecond, false, 0, energy.WatchSeconds, 0);
                if (energy.WatchActive)
                {
                    WriteRecord(SenmlSchema.WatchActive, SenmlSchema.UnitCount, false, 0, 1, 0);
                }
            }

            long currentBase = baseTime;
            for (int i = 0; i < count; i++)
            {
                currentBase = WriteReading(readings[i], baseTime, currentBase);
            }
            Put("]");

            if (_overflow)
            {
                return false;
            }
            Length = _position;
            return true;
        }

        // Writes one reading's records; returns the base time in force after them.
        private long WriteReading(Reading reading, long baseTime, long currentBase)
        {
            bool known = HasTime(reading);
            long wanted = known ? baseTime : 0;
            long t = known ? reading.UnixSeconds - baseTime : 0;
            bool hasT = t != 0;

            // The sequence record leads and carries a base-time switch when this reading needs another base.
            OpenRecord();
            if (wanted != currentBase)
            {
                Put("\"bt\":");
                PutNumber(wanted, 0);
                Put(",");
            }
            CloseRecord(SenmlSchema.Sequence, null, hasT, t, reading.Sequence, 0);

            if ((reading.Faults & ReadingFaults.Climate) == 0)
            {
                WriteRecord(SenmlSchema.Temperature, SenmlSchema.UnitCelsius, hasT, t, reading.TemperatureCentiCelsius, 2);
                WriteRecord(SenmlSchema.Humidity, SenmlSchema.UnitRelativeHumidity, hasT, t, reading.HumidityCentiPercent, 2);
            }
            if ((reading.Faults & ReadingFaults.Light) == 0)
            {
                WriteRecord(SenmlSchema.Illuminance, SenmlSchema.UnitLux, hasT, t, reading.IlluminanceCentiLux, 2);
            }
            if ((reading.Faults & ReadingFaults.Supercap) == 0)
            {
                WriteRecord(SenmlSchema.Supercap, SenmlSchema.UnitVolt, hasT, t, reading.SupercapMillivolts, 3);
            }
            WriteRecord(SenmlSchema.Motion, SenmlSchema.UnitCount, hasT, t, reading.MotionEvents, 0);
            // Event RTC: ages in seconds before the reading's time, only when known (never without motion).
            if (reading.MotionEvents > 0 && reading.FirstMotionAgeSeconds >= 0)
            {
                WriteRecord(SenmlSchema.MotionFirst, SenmlSchema.UnitSecond, hasT, t, reading.FirstMotionAgeSeconds, 0);
            }
            if (reading.MotionEvents > 0 && reading.LastMotionAgeSeconds >= 0)
            {
                WriteRecord(SenmlSchema.MotionLast, SenmlSchema.UnitSecond, hasT, t, reading.LastMotionAgeSeconds, 0);
            }
            // Coverage (docs/occupancy.md): omitted when unknown, so a consumer never reads "not watching" into a gap.
            if (reading.ArmedSeconds >= 0)
            {
                WriteRecord(SenmlSchema.Armed, SenmlSchema.UnitSecond, hasT, t, reading.ArmedSeconds, 0);
            }
            if ((reading.Faults & ReadingFaults.BrownoutBefore) != 0)
            {
                WriteRecord(SenmlSchema.Brownout, SenmlSchema.UnitCount, hasT, t, 1, 0);
            }
            return wanted;
        }

        private static bool HasTime(Reading reading)
        {
            return (reading.Faults & ReadingFaults.TimeUnknown) == 0 && reading.UnixSeconds > 0;
        }

        private void WriteRecord(string name, string unit, bool hasTime, long time, long scaledValue, int decimals)
        {
            OpenRecord();
            CloseRecord(name, unit, hasTime, time, scaledValue, decimals);
        }

        private void OpenRecord()
        {
            Put(_records == 0 ? "{" : ",{");
            _records++;
        }

        // Writes "n", optional "u" and "t", "v" and the closing brace of the open record.
        private void CloseRecord(string name, string unit, bool hasTime, long time, long scaledValue, int decimals)
        {
            Put("\"n\":\"");
            Put(name);
            Put("\"");
            if (unit != null)
            {
                Put(",\"u\":\"");
                Put(unit);
                Put("\"");
            }
            if (hasTime)
            {
                Put(",\"t\":");
                PutNumber(time, 0);
            }
            Put(",\"v\":");
            PutNumber(scaledValue, decimals);
            Put("}");
        }

        private void Put(string text)
        {
            if (_overflow)
            {
                return;
            }
            int written = AsciiText.WriteString(_buffer, _position, text);
            Advance(written);
        }

        private void PutNumber(long scaledValue, int decimals)
        {
            if (_overflow)
            {
                return;
            }
            int written = AsciiText.WriteFixedPoint(_buffer, _position, scaledValue, decimals);
            Advance(written);
        }

        private void Advance(int written)
        {
            if (written < 0)
            {
                _overflow = true;
            }
            else
            {
                _position += written;
            }
        }
    }
}
