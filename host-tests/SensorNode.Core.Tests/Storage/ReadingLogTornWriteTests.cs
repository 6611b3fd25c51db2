using SensorNode.Core.Storage;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Storage;

/// <summary>A power cut at every byte of an append: only the record being written may be lost.</summary>
public class ReadingLogTornWriteTests
{
    private const string FileName = "log.bin";
    private const int Capacity = 8;

    private static ReadingLog OpenLog(SimulatedFlash flash)
    {
        var log = new ReadingLog(flash, FileName, Capacity);
        log.Open();
        return log;
    }

    private static uint[] PendingSequences(ReadingLog log)
    {
        var buffer = new Reading[Capacity];
        int n = log.ReadPending(0, buffer, buffer.Length);
        return TestReadings.Sequences(buffer, n);
    }

    private static SimulatedFlash FlashWith(uint last)
    {
        var flash = new SimulatedFlash();
        ReadingLog log = OpenLog(flash);
        for (uint s = 1; s <= last; s++)
        {
            Assert.True(log.Append(TestReadings.Make(s), 0, out _));
        }
        return flash;
    }

    private static void AppendWithPowerCut(SimulatedFlash flash, uint sequence, int bytes)
    {
        ReadingLog log = OpenLog(flash);
        flash.CutPowerAfter(bytes);
        var cut = Assert.Throws<SimulatedPowerLossException>(() => log.Append(TestReadings.Make(sequence), 0, out _));
        Assert.Equal(bytes, cut.BytesStored);
    }

    [Theory]
    [MemberData(nameof(ByteOffsets.Below), ReadingLog.RecordBytes, MemberType = typeof(ByteOffsets))]
    public void TornAppendIntoErasedSlot_KeepsEveryEarlierRecord(int bytes)
    {
        SimulatedFlash flash = FlashWith(5);

        AppendWithPowerCut(flash, 6, bytes);
        ReadingLog rebooted = OpenLog(flash);

        Assert.Equal(TestReadings.Range(1, 5), PendingSequences(rebooted));
        Assert.Equal(5u, rebooted.NewestSequence);
        // Any new byte over erased flash makes the slot non-empty and its CRC wrong.
        Assert.Equal(bytes == 0 ? 0 : 1, rebooted.CorruptSlots);
        Assert.Equal(5 * ReadingLog.RecordBytes + bytes, flash.GetLength(FileName));
    }

    [Theory]
    [MemberData(nameof(ByteOffsets.Below), ReadingLog.RecordBytes, MemberType = typeof(ByteOffsets))]
    public void TornAppendOverAnOldLapRecord_LosesOnlyThatSlot(int bytes)
    {
        SimulatedFlash flash = FlashWith(12); // slot 4 holds 5, the oldest record of the current lap
        byte[] before = flash.GetFileBytes(FileName);

        AppendWithPowerCut(flash, 13, bytes);
        ReadingLog rebooted = OpenLog(flash);

        // The slot still holds 5 when the written prefix happens to match its old bytes (the format byte always does).
        bool slotChanged = !before.SequenceEqual(flash.GetFileBytes(FileName));
        if (bytes >= 5)
        {
            Assert.True(slotChanged); // byte 4 is the sequence's low byte: 13 over 5
        }
        Assert.Equal(slotChanged ? 1 : 0, rebooted.CorruptSlots);
        Assert.Equal(12u, rebooted.NewestSequence);
        Assert.Equal(TestReadings.Range(slotChanged ? 6u : 5u, 12), PendingSequences(rebooted));
    }

    [Theory]
    [MemberData(nameof(ByteOffsets.Below), ReadingLog.RecordBytes, MemberType = typeof(ByteOffsets))]
    public void AfterATornAppend_TheNextAppendRepairsTheSlot(int bytes)
    {
        SimulatedFlash flash = FlashWith(12);
        AppendWithPowerCut(flash, 13, bytes);

        ReadingLog rebooted = OpenLog(flash);
        Assert.True(rebooted.Append(TestReadings.Make(13), 0, out _));
        ReadingLog again = OpenLog(flash);

        Assert.Equal(0, again.CorruptSlots);
        Assert.Equal(13u, again.NewestSequence);
        var buffer = new Reading[Capacity];
        int n = again.ReadPending(0, buffer, Capacity);
        Assert.Equal(TestReadings.Range(6, 13).Select(TestReadings.Make), buffer.Take(n));
    }
}
