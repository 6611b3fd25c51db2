using SensorNode.Core.Numerics;

namespace SensorNode.Core.Storage
{
    /// <summary>
    /// Pure codec of one 32-byte <see cref="ReadingLog"/> slot (layout table in Storage/README.md).
    /// Values outside a field's range saturate; a timestamp outside 0..2^32-1 s is stored as unknown.
    /// </summary>
    internal static class ReadingRecord
    {
        /// <summary>Slot size, bytes.</summary>
        internal const int Bytes = 32;
        /// <summary>Format byte of this layout. Neither 0x00 nor 0xFF, so erased or zeroed flash never looks valid.</summary>
        internal const byte Format = 0xA2;
        /// <summary>
        /// The previous layout (no coverage fields: bytes 22..27 reserved, 0). Still decoded, after a firmware update,
        /// with every newer field unknown.
        /// </summary>
        internal const byte FormatA1 = 0xA1;
        /// <summary>A u16 field's "unknown" (or "none") value; real values saturate one below it.</summary>
        private const int UnknownUInt16 = 0xFFFF;

        private const int FormatOffset = 0;
        private const int FaultsOffset = 1;
        private const int TemperatureOffset = 2;
        private const int SequenceOffset = 4;
        private const int UnixSecondsOffset = 8;
        private const int HumidityOffset = 12;
        private const int SupercapOffset = 14;
        private const int IlluminanceOffset = 16;
        private const int MotionOffset = 20;
        // Seconds the PIR was armed since the previous reading, u16, 0xFFFF = unknown (helper "occ").
        private const int ArmedOffset = 22;
        private const int ReservedOffset = 24;
        private const int ReservedBytes = 4;

        /// <summary>Encodes <paramref name="reading"/> into <see cref="Bytes"/> bytes at <paramref name="offset"/>, CRC included.</summary>
        internal static void Encode(Reading reading, byte[] buffer, int offset)
        {
            ReadingFaults faults = reading.Faults;
            uint unixSeconds = 0;
            if (reading.UnixSeconds >= 0 && reading.UnixSeconds <= 0xFFFFFFFFL)
            {
                unixSeconds = (uint)reading.UnixSeconds;
            }
            else
            {
                faults |= ReadingFaults.TimeUnknown;
            }

            buffer[offset + FormatOffset] = Format;
            buffer[offset + FaultsOffset] = (byte)faults;
            LittleEndian.WriteUInt16(buffer, offset + TemperatureOffset, Clamp(reading.TemperatureCentiCelsius, -32768, 32767));
            LittleEndian.WriteUInt32(buffer, offset + SequenceOffset, reading.Sequence);
            LittleEndian.WriteUInt32(buffer, offset + UnixSecondsOffset, unixSeconds);
            LittleEndian.WriteUInt16(buffer, offset + HumidityOffset, Clamp(reading.HumidityCentiPercent, 0, 65535));
            LittleEndian.WriteUInt16(buffer, offset + SupercapOffset, Clamp(reading.SupercapMillivolts, 0, 65535));
            LittleEndian.WriteInt32(buffer, offset + IlluminanceOffset, Clamp(reading.IlluminanceCentiLux, 0, int.MaxValue));
            LittleEndian.WriteUInt16(buffer, offset + MotionOffset, Clamp(reading.MotionEvents, 0, 65535));
            LittleEndian.WriteUInt16(buffer, offset + ArmedOffset, reading.ArmedSeconds < 0 ? UnknownUInt16 : Clamp(reading.ArmedSeconds, 0, UnknownUInt16 - 1));
            for (int i = 0; i < ReservedBytes; i++)
            {
                buffer[offset + ReservedOffset + i] = 0;
            }
            RecordCrc.Seal(buffer, offset, Bytes);
        }

        /// <summary>
        /// Decodes the slot at <paramref name="offset"/>. False (and a default reading) when the format byte, the CRC
        /// or the sequence (0 is never used) is wrong.
        /// </summary>
        internal static bool TryDecode(byte[] buffer, int offset, out Reading reading)
        {
            reading = new Reading();
            byte format = buffer[offset + FormatOffset];
            if ((format != Format && format != FormatA1) || !RecordCrc.IsSealed(buffer, offset, Bytes))
            {
                return false;
            }
            uint sequence = LittleEndian.ReadUInt32(buffer, offset + SequenceOffset);
            if (sequence == 0)
            {
                return false;
            }

            reading.Sequence = sequence;
            reading.Faults = (ReadingFaults)buffer[offset + FaultsOffset];
            reading.TemperatureCentiCelsius = LittleEndian.ReadInt16(buffer, offset + TemperatureOffset);
            reading.UnixSeconds = LittleEndian.ReadUInt32(buffer, offset + UnixSecondsOffset);
            reading.HumidityCentiPercent = LittleEndian.ReadUInt16(buffer, offset + HumidityOffset);
            reading.SupercapMillivolts = LittleEndian.ReadUInt16(buffer, offset + SupercapOffset);
            reading.IlluminanceCentiLux = LittleEndian.ReadInt32(buffer, offset + IlluminanceOffset);
            reading.MotionEvents = LittleEndian.ReadUInt16(buffer, offset + MotionOffset);
            int armed = format == Format ? LittleEndian.ReadUInt16(buffer, offset + ArmedOffset) : UnknownUInt16;
            reading.ArmedSeconds = armed == UnknownUInt16 ? -1 : armed;
            return true;
        }

        /// <summary>True when the slot is all 0xFF (erased flash, or past the end of the file) or all 0x00: empty, not corrupt.</summary>
        internal static bool IsEmpty(byte[] buffer, int offset)
        {
            byte first = buffer[offset];
            if (first != 0xFF && first != 0x00)
            {
                return false;
            }
            for (int i = 1; i < Bytes; i++)
            {
                if (buffer[offset + i] != first)
                {
                    return false;
                }
            }
            return true;
        }

        private static int Clamp(int value, int min, int max)
        {
            return value < min ? min : (value > max ? max : value);
        }
    }
}
