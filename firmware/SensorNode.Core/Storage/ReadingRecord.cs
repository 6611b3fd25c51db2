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
        /// The previous layout (bytes 22..27 reserved, 0). Still decoded, after a firmware update, with every newer
        /// field unknown.
        /// </summary>
        internal const byte FormatA1 = 0xA1;
        /// <summary>Stored value of an unknown (or absent) 16-bit age or duration; real values saturate one below it.</summary>
        internal const int UnknownUInt16 = 0xFFFF;

        private const int FormatOffset = 0;
        private const int FaultsOffset = 1;
        private const int TemperatureOffset = 2;
        private const int SequenceOffset = 4;
        private const int UnixSecondsOffset = 8;
        private const int HumidityOffset = 12;
        private const int SupercapOffset = 14;
        private const int IlluminanceOffset = 16;
        private const int MotionOffset = 20;
        private const int ArmedOffset = 22;
        private const int FirstMotionAgeOffset = 24;
        private const int LastMotionAgeOffset = 26;

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
            LittleEndian.WriteUInt16(buffer, offset + ArmedOffset, AgeField(reading.ArmedSeconds));
            LittleEndian.WriteUInt16(buffer, offset + FirstMotionAgeOffset, AgeField(reading.FirstMotionAgeSeconds));
            LittleEndian.WriteUInt16(buffer, offset + LastMotionAgeOffset, AgeField(reading.LastMotionAgeSeconds));
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
            reading.ArmedSeconds = -1;
            reading.FirstMotionAgeSeconds = -1;
            reading.LastMotionAgeSeconds = -1;
            if (format == Format)
            {
                reading.ArmedSeconds = AgeValue(LittleEndian.ReadUInt16(buffer, offset + ArmedOffset));
                reading.FirstMotionAgeSeconds = AgeValue(LittleEndian.ReadUInt16(buffer, offset + FirstMotionAgeOffset));
                reading.LastMotionAgeSeconds = AgeValue(LittleEndian.ReadUInt16(buffer, offset + LastMotionAgeOffset));
            }
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

        // An age or duration field: negative is unknown (0xFFFF), real values saturate at 0xFFFE.
        private static int AgeField(int seconds)
        {
            return seconds < 0 ? UnknownUInt16 : Clamp(seconds, 0, UnknownUInt16 - 1);
        }

        private static int AgeValue(int stored)
        {
            return stored == UnknownUInt16 ? -1 : stored;
        }

        private static int Clamp(int value, int min, int max)
        {
            return value < min ? min : (value > max ? max : value);
        }
    }
}
