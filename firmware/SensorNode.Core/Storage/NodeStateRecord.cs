using SensorNode.Core.Numerics;

namespace SensorNode.Core.Storage
{
    /// <summary>
    /// Pure codec of one 80-byte <see cref="NodeStateStore"/> slot: format byte, generation counter, every
    /// <see cref="NodeState"/> field at full width, CRC-32 (layout table in Storage/README.md).
    /// </summary>
    internal static class NodeStateRecord
    {
        /// <summary>Slot size, bytes.</summary>
        internal const int Bytes = 80;
        /// <summary>Format byte of this layout; neither 0x00 nor 0xFF.</summary>
        internal const byte Format = 0xB1;

        // Byte 1: the previous sleep's PIR arming (bit 0: known, bit 1: armed). Was reserved and written 0, so an older
        // record reads as "not known" and the next reading's armed time as unknown.
        private const int ArmingOffset = 1;
        private const byte ArmingKnownBit = 0x01;
        private const byte ArmedBit = 0x02;
        // Byte 2: watch commitment, min (u8); byte 3 bit 0: it reported the room active. Were reserved and written 0, so an
        // older record reads as "no commitment".
        private const int WatchMinutesOffset = 2;
        private const int WatchFlagsOffset = 3;
        private const byte WatchActiveBit = 0x01;
        // Byte 3 bit 1: the last send the table did not ask for failed (was written 0: an older record reads as not).
        private const byte UnrequestedSendFailedBit = 0x02;
        // Byte 3 bit 2: byte 2 counts 16-minute units (an overnight commitment, up to 24 h; was written 0: minutes).
        private const byte WatchSixteenMinuteUnitsBit = 0x04;
        private const int WatchLongUnitMinutes = NodeState.WatchLongUnitMinutes;
        private const int GenerationOffset = 4;
        private const int NextSequenceOffset = 8;
        private const int AckedSequenceOffset = 12;
        private const int DroppedReadingsOffset = 16;
        private const int WakeCountOffset = 20;
        private const int LastSupercapOffset = 24;
        private const int LastWakeEndOffset = 28;
        private const int LastSleepOffset = 36;
        private const int LastWakeCostOffset = 40;
        private const int HarvestOffset = 44;
        private const int EventRateOffset = 48;
        private const int LastTransmitOffset = 52;
        private const int GuardRefusalsOffset = 60;
        private const int LinkFailuresOffset = 64;
        private const int PublishFailuresOffset = 68;
        // Last motion, Unix s u32 (0 = none). Was reserved and written 0: an older record reads as no motion known.
        private const int LastMotionOffset = 72;

        /// <summary>Encodes <paramref name="state"/> with <paramref name="generation"/> into <see cref="Bytes"/> bytes at <paramref name="offset"/>.</summary>
        internal static void Encode(NodeState state, uint generation, byte[] buffer, int offset)
        {
            buffer[offset] = Format;
            byte arming = 0;
            if (state.LastSleepArmingKnown)
            {
                arming = state.LastSleepMotionArmed ? (byte)(ArmingKnownBit | ArmedBit) : ArmingKnownBit;
            }
            buffer[offset + ArmingOffset] = arming;
            // Over 255 min in 16-minute units, rounded down: WatchCommitment announces only lengths the record holds exactly.
            bool longUnits = state.WatchMinutes > NodeState.WatchWholeMinutesMax;
            buffer[offset + WatchMinutesOffset] = (byte)(longUnits ? state.WatchMinutes / WatchLongUnitMinutes : state.WatchMinutes);
            buffer[offset + WatchFlagsOffset] = (byte)((state.WatchReportedActive ? WatchActiveBit : 0) | (state.UnrequestedSendFailed ? UnrequestedSendFailedBit : 0)
                | (longUnits ? WatchSixteenMinuteUnitsBit : 0));
            LittleEndian.WriteUInt32(buffer, offset + GenerationOffset, generation);
            LittleEndian.WriteUInt32(buffer, offset + NextSequenceOffset, state.NextSequence);
            LittleEndian.WriteUInt32(buffer, offset + AckedSequenceOffset, state.AckedSequence);
            LittleEndian.WriteUInt32(buffer, offset + DroppedReadingsOffset, state.DroppedReadings);
            LittleEndian.WriteUInt32(buffer, offset + WakeCountOffset, state.WakeCount);
            LittleEndian.WriteInt32(buffer, offset + LastSupercapOffset, state.LastSupercapMillivolts);
            LittleEndian.WriteInt64(buffer, offset + LastWakeEndOffset, state.LastWakeEndUnixSeconds);
            LittleEndian.WriteInt32(buffer, offset + LastSleepOffset, state.LastSleepSeconds);
            LittleEndian.WriteInt32(buffer, offset + LastWakeCostOffset, state.LastWakeCostMicrojoules);
            LittleEndian.WriteInt32(buffer, offset + HarvestOffset, state.HarvestMicrowatts);
            LittleEndian.WriteInt32(buffer, offset + EventRateOffset, state.EventRateMilliPerHour);
            LittleEndian.WriteInt64(buffer, offset + LastTransmitOffset, state.LastTransmitUnixSeconds);
            LittleEndian.WriteUInt32(buffer, offset + GuardRefusalsOffset, state.GuardRefusals);
            LittleEndian.WriteUInt32(buffer, offset + LinkFailuresOffset, state.LinkFailures);
            LittleEndian.WriteUInt32(buffer, offset + PublishFailuresOffset, state.PublishFailures);
            LittleEndian.WriteUInt32(buffer, offset + LastMotionOffset, state.LastMotionUnixSeconds);
            RecordCrc.Seal(buffer, offset, Bytes);
        }

        /// <summary>
        /// The generation of the slot at <paramref name="offset"/> when it has the format byte, before its CRC is
        /// checked (<see cref="IsSealed"/>); false when the format byte is wrong.
        /// </summary>
        internal static bool TryPeekGeneration(byte[] buffer, int offset, out uint generation)
        {
            generation = 0;
            if (buffer[offset] != Format)
            {
                return false;
            }
            generation = LittleEndian.ReadUInt32(buffer, offset + GenerationOffset);
            return true;
        }

        /// <summary>True when the slot at <paramref name="offset"/> matches its CRC.</summary>
        internal static bool IsSealed(byte[] buffer, int offset)
        {
            return RecordCrc.IsSealed(buffer, offset, Bytes);
        }

        /// <summary>Copies the fields of the (already validated) slot at <paramref name="offset"/> into <paramref name="into"/>.</summary>
        internal static void Decode(byte[] buffer, int offset, NodeState into)
        {
            into.NextSequence = LittleEndian.ReadUInt32(buffer, offset + NextSequenceOffset);
            into.AckedSequence = LittleEndian.ReadUInt32(buffer, offset + AckedSequenceOffset);
            into.DroppedReadings = LittleEndian.ReadUInt32(buffer, offset + DroppedReadingsOffset);
            into.WakeCount = LittleEndian.ReadUInt32(buffer, offset + WakeCountOffset);
            into.LastSupercapMillivolts = LittleEndian.ReadInt32(buffer, offset + LastSupercapOffset);
            into.LastWakeEndUnixSeconds = LittleEndian.ReadInt64(buffer, offset + LastWakeEndOffset);
            into.LastSleepSeconds = LittleEndian.ReadInt32(buffer, offset + LastSleepOffset);
            into.LastWakeCostMicrojoules = LittleEndian.ReadInt32(buffer, offset + LastWakeCostOffset);
            into.HarvestMicrowatts = LittleEndian.ReadInt32(buffer, offset + HarvestOffset);
            into.EventRateMilliPerHour = LittleEndian.ReadInt32(buffer, offset + EventRateOffset);
            into.LastTransmitUnixSeconds = LittleEndian.ReadInt64(buffer, offset + LastTransmitOffset);
            into.LastMotionUnixSeconds = LittleEndian.ReadUInt32(buffer, offset + LastMotionOffset);
            into.GuardRefusals = LittleEndian.ReadUInt32(buffer, offset + GuardRefusalsOffset);
            into.LinkFailures = LittleEndian.ReadUInt32(buffer, offset + LinkFailuresOffset);
            into.PublishFailures = LittleEndian.ReadUInt32(buffer, offset + PublishFailuresOffset);
            byte arming = buffer[offset + ArmingOffset];
            into.LastSleepArmingKnown = (arming & ArmingKnownBit) != 0;
            into.LastSleepMotionArmed = into.LastSleepArmingKnown && (arming & ArmedBit) != 0;
            into.WatchMinutes = (buffer[offset + WatchFlagsOffset] & WatchSixteenMinuteUnitsBit) != 0
                ? buffer[offset + WatchMinutesOffset] * WatchLongUnitMinutes
                : buffer[offset + WatchMinutesOffset];
            into.WatchReportedActive = (buffer[offset + WatchFlagsOffset] & WatchActiveBit) != 0;
            into.UnrequestedSendFailed = (buffer[offset + WatchFlagsOffset] & UnrequestedSendFailedBit) != 0;
        }
    }
}
