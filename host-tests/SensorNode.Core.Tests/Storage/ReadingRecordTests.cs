using SensorNode.Core.Numerics;
using SensorNode.Core.Storage;
using Xunit;

namespace SensorNode.Core.Tests.Storage;

public class ReadingRecordTests
{
    [Fact]
    public void Encode_PlacesEveryFieldAtTheDocumentedOffset()
    {
        var reading = new Reading
        {
            Sequence = 0x0403_0201,
            UnixSeconds = 0x6655_4433,
            TemperatureCentiCelsius = -4500,
            HumidityCentiPercent = 10000,
            IlluminanceCentiLux = 8_386_560,
            SupercapMillivolts = 0xBEEF,
            MotionEvents = 0x1234,
            Faults = ReadingFaults.Light | ReadingFaults.Supercap | ReadingFaults.BrownoutBefore,
            ArmedSeconds = 0x0258,
            FirstMotionAgeSeconds = 0x0102,
            LastMotionAgeSeconds = -1,
        };
        byte[] slot = new byte[ReadingRecord.Bytes];

        ReadingRecord.Encode(reading, slot, 0);

        // Byte table in Storage/README.md.
        Assert.Equal(0xA2, slot[0]);
        Assert.Equal(0x16, slot[1]);
        Assert.Equal(new byte[] { 0x6C, 0xEE }, slot[2..4]);             // -4500 = 0xEE6C
        Assert.Equal(new byte[] { 0x01, 0x02, 0x03, 0x04 }, slot[4..8]);
        Assert.Equal(new byte[] { 0x33, 0x44, 0x55, 0x66 }, slot[8..12]);
        Assert.Equal(new byte[] { 0x10, 0x27 }, slot[12..14]);           // 10000 = 0x2710
        Assert.Equal(new byte[] { 0xEF, 0xBE }, slot[14..16]);
        Assert.Equal(new byte[] { 0x00, 0xF8, 0x7F, 0x00 }, slot[16..20]); // 8386560 = 0x007FF800
        Assert.Equal(new byte[] { 0x34, 0x12 }, slot[20..22]);
        Assert.Equal(new byte[] { 0x58, 0x02 }, slot[22..24]);             // armed 600 s
        Assert.Equal(new byte[] { 0x02, 0x01 }, slot[24..26]);             // first motion age 258 s
        Assert.Equal(new byte[] { 0xFF, 0xFF }, slot[26..28]);             // last motion age unknown
        Assert.Equal(Crc32.Compute(slot, 0, 28), LittleEndian.ReadUInt32(slot, 28));
    }

    [Fact]
    public void MotionAges_RoundTrip_SaturateAt0xFFFE_AndAreUnknownInAnOldA1Slot()
    {
        var reading = new Reading { Sequence = 7, UnixSeconds = 1_700_000_000, MotionEvents = 2, FirstMotionAgeSeconds = 70_000, LastMotionAgeSeconds = 12 };
        byte[] slot = new byte[ReadingRecord.Bytes];
        ReadingRecord.Encode(reading, slot, 0);
        Assert.True(ReadingRecord.TryDecode(slot, 0, out Reading back));
        Assert.Equal(0xFFFE, back.FirstMotionAgeSeconds);
        Assert.Equal(12, back.LastMotionAgeSeconds);

        // The same slot written by the previous firmware (format 0xA1, bytes 22-27 reserved zeros): ages unknown.
        slot[0] = 0xA1;
        Array.Clear(slot, 22, 6);
        RecordCrc.Seal(slot, 0, ReadingRecord.Bytes);
        Assert.True(ReadingRecord.TryDecode(slot, 0, out Reading old));
        Assert.Equal(2, old.MotionEvents);
        Assert.Equal(-1, old.FirstMotionAgeSeconds);
        Assert.Equal(-1, old.LastMotionAgeSeconds);
    }

    [Theory]
    [InlineData(-1, 0xFFFF, -1)]          // unknown
    [InlineData(0, 0, 0)]
    [InlineData(65534, 0xFFFE, 65534)]
    [InlineData(65535, 0xFFFE, 65534)]    // saturates below the unknown value
    [InlineData(1_000_000, 0xFFFE, 65534)]
    public void ArmedSeconds_IsStoredAtOffset22_SaturatedBelowUnknown(int armed, int stored, int decoded)
    {
        byte[] slot = new byte[ReadingRecord.Bytes];
        ReadingRecord.Encode(new Reading { Sequence = 7, ArmedSeconds = armed }, slot, 0);

        Assert.Equal(stored, LittleEndian.ReadUInt16(slot, 22));
        Assert.True(ReadingRecord.TryDecode(slot, 0, out Reading back));
        Assert.Equal(decoded, back.ArmedSeconds);
    }

    [Fact]
    public void TryDecode_ReadsAnOldA1Slot_WithCoverageUnknown()
    {
        // An 0xA1 slot (written before the update) has 0 in bytes 22..27: that must not read as "0 s watched".
        byte[] slot = new byte[ReadingRecord.Bytes];
        ReadingRecord.Encode(new Reading { Sequence = 9, UnixSeconds = 1_700_000_000, MotionEvents = 2, ArmedSeconds = 0 }, slot, 0);
        slot[0] = 0xA1;
        RecordCrc.Seal(slot, 0, ReadingRecord.Bytes);

        Assert.True(ReadingRecord.TryDecode(slot, 0, out Reading old));
        Assert.Equal(9u, old.Sequence);
        Assert.Equal(2, old.MotionEvents);
        Assert.Equal(-1, old.ArmedSeconds);
    }

    [Theory]
    [InlineData(-4500, 0, 0, 0, 0, 0u)]
    [InlineData(13000, 10000, 8_386_560, 65535, 65535, 0xFFFF_FFFFu)]
    [InlineData(-1, 1, 1, 1, 1, 1u)]
    [InlineData(2150, 4575, 1_234_567, 3300, 12, 1_700_000_000u)]
    public void TryDecode_ReturnsEveryFieldEncoded(int temperature, int humidity, int illuminance, int supercap, int motion, uint unixSeconds)
    {
        var reading = new Reading
        {
            Sequence = 42,
            UnixSeconds = unixSeconds,
            TemperatureCentiCelsius = temperature,
            HumidityCentiPercent = humidity,
            IlluminanceCentiLux = illuminance,
            SupercapMillivolts = supercap,
            MotionEvents = motion,
            Faults = ReadingFaults.Climate | ReadingFaults.TimeUnknown,
        };
        byte[] buffer = new byte[ReadingRecord.Bytes + 5];

        ReadingRecord.Encode(reading, buffer, 5);

        Assert.True(ReadingRecord.TryDecode(buffer, 5, out Reading decoded));
        Assert.Equal(reading, decoded);
    }

    [Fact]
    public void Encode_SaturatesValuesOutsideTheirFields()
    {
        var reading = new Reading
        {
            Sequence = 1,
            UnixSeconds = 1000,
            TemperatureCentiCelsius = 40_000,
            HumidityCentiPercent = -5,
            IlluminanceCentiLux = -1,
            SupercapMillivolts = 70_000,
            MotionEvents = 100_000,
        };
        byte[] slot = new byte[ReadingRecord.Bytes];

        ReadingRecord.Encode(reading, slot, 0);

        Assert.True(ReadingRecord.TryDecode(slot, 0, out Reading decoded));
        Assert.Equal(32767, decoded.TemperatureCentiCelsius);
        Assert.Equal(0, decoded.HumidityCentiPercent);
        Assert.Equal(0, decoded.IlluminanceCentiLux);
        Assert.Equal(65535, decoded.SupercapMillivolts);
        Assert.Equal(65535, decoded.MotionEvents);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(0x1_0000_0000L)]
    public void Encode_StoresTimeUnknown_WhenUnixSecondsDoesNotFitU32(long unixSeconds)
    {
        var reading = new Reading { Sequence = 1, UnixSeconds = unixSeconds, Faults = ReadingFaults.Light };
        byte[] slot = new byte[ReadingRecord.Bytes];

        ReadingRecord.Encode(reading, slot, 0);

        Assert.True(ReadingRecord.TryDecode(slot, 0, out Reading decoded));
        Assert.Equal(0, decoded.UnixSeconds);
        Assert.Equal(ReadingFaults.Light | ReadingFaults.TimeUnknown, decoded.Faults);
    }

    [Fact]
    public void TryDecode_ReturnsFalse_WhenAnySingleBitFlips()
    {
        byte[] slot = new byte[ReadingRecord.Bytes];
        ReadingRecord.Encode(TestReadings.Make(7), slot, 0);

        for (int bit = 0; bit < ReadingRecord.Bytes * 8; bit++)
        {
            byte[] damaged = (byte[])slot.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(ReadingRecord.TryDecode(damaged, 0, out _), $"bit {bit}");
        }
    }

    [Fact]
    public void TryDecode_ReturnsFalse_ForSequenceZeroEvenWithValidCrc()
    {
        byte[] slot = new byte[ReadingRecord.Bytes];
        ReadingRecord.Encode(new Reading { Sequence = 0 }, slot, 0);

        Assert.False(ReadingRecord.TryDecode(slot, 0, out _));
    }

    [Theory]
    [InlineData(0xFF, true)]
    [InlineData(0x00, true)]
    [InlineData(0xA1, false)]
    public void IsEmpty_OnlyForUniformErasedOrZeroedSlots(byte fill, bool expected)
    {
        byte[] slot = Enumerable.Repeat(fill, ReadingRecord.Bytes).ToArray();

        Assert.Equal(expected, ReadingRecord.IsEmpty(slot, 0));
        slot[31] ^= 1;
        Assert.False(ReadingRecord.IsEmpty(slot, 0));
    }
}
