using SensorNode.Core.Storage;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Storage;

public class ReadingLogTests
{
    private const string FileName = "log.bin";
    private readonly SimulatedFlash _flash = new();

    private ReadingLog OpenLog(int capacity = 8)
    {
        var log = new ReadingLog(_flash, FileName, capacity);
        log.Open();
        return log;
    }

    private static void AppendRange(ReadingLog log, uint first, uint last, uint acked = 0)
    {
        for (uint s = first; s <= last; s++)
        {
            Assert.True(log.Append(TestReadings.Make(s), acked, out _));
        }
    }

    private static Reading[] ReadAll(ReadingLog log, uint acked)
    {
        var buffer = new Reading[log.Capacity + 4];
        int n = log.ReadPending(acked, buffer, buffer.Length);
        return buffer.Take(n).ToArray();
    }

    [Theory]
    [InlineData(7)]
    [InlineData(4097)]
    [InlineData(0)]
    public void Constructor_Throws_WhenCapacityOutside8To4096(int capacity)
    {
        Assert.Throws<ArgumentException>(() => new ReadingLog(_flash, FileName, capacity));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4096)]
    public void Constructor_AcceptsCapacityBounds(int capacity)
    {
        Assert.Equal(capacity, new ReadingLog(_flash, FileName, capacity).Capacity);
    }

    [Fact]
    public void Open_OnMissingFile_IsEmpty()
    {
        ReadingLog log = OpenLog();

        Assert.Equal(0u, log.NewestSequence);
        Assert.Equal(0, log.CorruptSlots);
        Assert.Equal(0, log.CountPending(0));
        Assert.Empty(ReadAll(log, 0));
    }

    [Fact]
    public void Append_Throws_BeforeOpen()
    {
        var log = new ReadingLog(_flash, FileName, 8);

        Assert.Throws<InvalidOperationException>(() => log.Append(TestReadings.Make(1), 0, out _));
    }

    [Fact]
    public void Append_Throws_WhenSequenceIsZero()
    {
        ReadingLog log = OpenLog();

        Assert.Throws<ArgumentException>(() => log.Append(new Reading(), 0, out _));
    }

    [Fact]
    public void ReadPending_ReturnsEveryFieldAppended_IncludingExtremes()
    {
        ReadingLog log = OpenLog();
        var cold = new Reading
        {
            Sequence = 1, UnixSeconds = 1_700_000_000, TemperatureCentiCelsius = -4500, HumidityCentiPercent = 0,
            IlluminanceCentiLux = 8_386_560, SupercapMillivolts = 65535, MotionEvents = 65535, Faults = ReadingFaults.None,
        };
        var faulted = new Reading
        {
            Sequence = 2, UnixSeconds = 0, TemperatureCentiCelsius = 13000, HumidityCentiPercent = 10000,
            IlluminanceCentiLux = 0, SupercapMillivolts = 0, MotionEvents = 0,
            Faults = ReadingFaults.Climate | ReadingFaults.Light | ReadingFaults.Supercap | ReadingFaults.TimeUnknown,
        };

        Assert.True(log.Append(cold, 0, out bool dropped1));
        Assert.True(log.Append(faulted, 0, out bool dropped2));

        Assert.False(dropped1);
        Assert.False(dropped2);
        Assert.Equal(new[] { cold, faulted }, ReadAll(log, 0));
        Assert.Equal(2u, log.NewestSequence);
        Assert.Equal(2 * ReadingLog.RecordBytes, _flash.GetLength(FileName));
    }

    [Fact]
    public void Open_AfterReboot_FindsTheSameRecords()
    {
        ReadingLog before = OpenLog(16);
        AppendRange(before, 1, 11);

        ReadingLog after = OpenLog(16);

        Assert.Equal(11u, after.NewestSequence);
        Assert.Equal(0, after.CorruptSlots);
        Assert.Equal(11, after.CountPending(0));
        Assert.Equal(TestReadings.Range(1, 11).Select(TestReadings.Make), ReadAll(after, 0));
    }

    [Fact]
    public void Open_AfterReboot_FindsNewestAcrossWrap()
    {
        AppendRange(OpenLog(), 1, 21);

        ReadingLog after = OpenLog();

        Assert.Equal(21u, after.NewestSequence);
        Assert.Equal(TestReadings.Range(14, 21).Select(TestReadings.Make), ReadAll(after, 0));
    }

    [Fact]
    public void Append_ReportsDrop_ExactlyWhenTheOverwrittenRecordIsUnacknowledged()
    {
        ReadingLog log = OpenLog();
        const uint acked = 3;
        AppendRange(log, 1, 8, acked);

        var dropped = new List<bool>();
        for (uint s = 9; s <= 13; s++)
        {
            Assert.True(log.Append(TestReadings.Make(s), acked, out bool d));
            dropped.Add(d);
        }

        // 9, 10, 11 overwrite 1, 2, 3 (acknowledged); 12 and 13 overwrite 4 and 5 (not).
        Assert.Equal(new[] { false, false, false, true, true }, dropped);
        Assert.Equal(TestReadings.Range(6, 13), ReadAll(log, acked).Select(r => r.Sequence));
        Assert.Equal(8, log.CountPending(acked));
    }

    [Fact]
    public void Append_ReportsNoDrop_WhenOverwritingAnEmptySlotOrAnAcknowledgedLap()
    {
        ReadingLog log = OpenLog();
        AppendRange(log, 1, 8);

        Assert.True(log.Append(TestReadings.Make(9), ackedSequence: 8, out bool dropped));

        Assert.False(dropped);
    }

    [Fact]
    public void ReadPending_ReturnsOldestFirst_AcrossTheWrapPoint()
    {
        ReadingLog log = OpenLog();
        AppendRange(log, 1, 12);

        // Slots 4..7 hold 5..8, slots 0..3 hold 9..12.
        Assert.Equal(TestReadings.Range(5, 12), ReadAll(log, 0).Select(r => r.Sequence));
    }

    [Theory]
    [InlineData(0u, new uint[] { 5, 6, 7, 8, 9, 10, 11, 12 })]
    [InlineData(4u, new uint[] { 5, 6, 7, 8, 9, 10, 11, 12 })]
    [InlineData(9u, new uint[] { 10, 11, 12 })]
    [InlineData(11u, new uint[] { 12 })]
    [InlineData(12u, new uint[0])]
    [InlineData(500u, new uint[0])]
    [InlineData(uint.MaxValue, new uint[0])]
    public void ReadPending_ReturnsOnlySequencesAboveAcked(uint acked, uint[] expected)
    {
        ReadingLog log = OpenLog();
        AppendRange(log, 1, 12);

        Assert.Equal(expected, ReadAll(log, acked).Select(r => r.Sequence));
        Assert.Equal(expected.Length, log.CountPending(acked));
    }

    [Fact]
    public void ReadPending_StopsAtMaxCount_AndAtBufferLength()
    {
        ReadingLog log = OpenLog();
        AppendRange(log, 1, 12);
        var buffer = new Reading[5];

        Assert.Equal(3, log.ReadPending(0, buffer, 3));
        Assert.Equal(new uint[] { 5, 6, 7 }, TestReadings.Sequences(buffer, 3));
        Assert.Equal(5, log.ReadPending(6, buffer, 100));
        Assert.Equal(new uint[] { 7, 8, 9, 10, 11 }, TestReadings.Sequences(buffer, 5));
        Assert.Equal(0, log.ReadPending(0, buffer, 0));
        Assert.Equal(0, log.ReadPending(0, buffer, -1));
    }

    [Fact]
    public void ReadPending_SkipsMissingSequences()
    {
        ReadingLog log = OpenLog(16);
        AppendRange(log, 1, 3);
        AppendRange(log, 6, 7); // 4 and 5 were never stored (e.g. their appends failed)

        Assert.Equal(new uint[] { 1, 2, 3, 6, 7 }, ReadAll(log, 0).Select(r => r.Sequence));
        Assert.Equal(5, log.CountPending(0));
    }

    [Fact]
    public void ReadPending_SkipsRecordsFromAnOlderLap()
    {
        ReadingLog log = OpenLog();
        AppendRange(log, 1, 10);
        AppendRange(log, 12, 12); // 11 missing: its slot still holds 3 from the previous lap

        ReadingLog rebooted = OpenLog();

        Assert.Equal(12u, rebooted.NewestSequence);
        Assert.Equal(new uint[] { 5, 6, 7, 8, 9, 10, 12 }, ReadAll(rebooted, 0).Select(r => r.Sequence));
        Assert.Equal(7, rebooted.CountPending(0));
    }

    [Fact]
    public void Open_CountsCorruptSlots_AndKeepsTheOthersReadable()
    {
        AppendRange(OpenLog(), 1, 6);
        byte[] file = _flash.GetFileBytes(FileName);
        file[2 * ReadingLog.RecordBytes + 9] ^= 0x10; // bit rot in record 3
        file[4 * ReadingLog.RecordBytes + 31] ^= 0x01; // CRC of record 5
        _flash.SetFileBytes(FileName, file);

        ReadingLog log = OpenLog();

        Assert.Equal(2, log.CorruptSlots);
        Assert.Equal(6u, log.NewestSequence);
        Assert.Equal(new uint[] { 1, 2, 4, 6 }, ReadAll(log, 0).Select(r => r.Sequence));
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0x00)]
    public void Open_TreatsErasedOrZeroedSlotsAsEmpty_NotCorrupt(byte fill)
    {
        byte[] file = Enumerable.Repeat(fill, 8 * ReadingLog.RecordBytes).ToArray();
        _flash.SetFileBytes(FileName, file);
        ReadingLog log = OpenLog();
        Assert.True(log.Append(TestReadings.Make(3), 0, out _));

        ReadingLog rebooted = OpenLog();

        Assert.Equal(0, rebooted.CorruptSlots);
        Assert.Equal(3u, rebooted.NewestSequence);
        Assert.Equal(new uint[] { 3 }, ReadAll(rebooted, 0).Select(r => r.Sequence));
    }

    [Fact]
    public void Open_ScansOnlyTheExistingPart_OfAFileShorterThanCapacity()
    {
        AppendRange(OpenLog(4096), 1, 3);
        long bytesReadBefore = _flash.BytesRead;

        ReadingLog log = OpenLog(4096);

        Assert.Equal(3 * ReadingLog.RecordBytes, _flash.BytesRead - bytesReadBefore);
        Assert.Equal(3u, log.NewestSequence);
        Assert.Equal(0, log.CorruptSlots);
    }

    [Fact]
    public void Open_IgnoresBytesBeyondCapacity()
    {
        AppendRange(OpenLog(), 1, 8);
        byte[] file = _flash.GetFileBytes(FileName).Concat(Enumerable.Repeat((byte)0x5A, 100)).ToArray();
        _flash.SetFileBytes(FileName, file);

        ReadingLog log = OpenLog();

        Assert.Equal(0, log.CorruptSlots);
        Assert.Equal(8u, log.NewestSequence);
        Assert.Equal(8, log.CountPending(0));
    }

    [Fact]
    public void Open_IgnoresRecordsWrittenUnderAnotherCapacity()
    {
        AppendRange(OpenLog(8), 1, 12); // slots 0..3 hold 9..12, slots 4..7 hold 5..8

        ReadingLog log = OpenLog(16); // 9..12 belong in slots 8..11 now: ignored, not corrupt

        Assert.Equal(8u, log.NewestSequence);
        Assert.Equal(0, log.CorruptSlots);
        Assert.Equal(new uint[] { 5, 6, 7, 8 }, ReadAll(log, 0).Select(r => r.Sequence));
    }

    [Fact]
    public void Open_DoesNotThrow_OnGarbage()
    {
        var random = new Random(1234);
        byte[] garbage = new byte[8 * ReadingLog.RecordBytes + 7];
        random.NextBytes(garbage);
        _flash.SetFileBytes(FileName, garbage);

        ReadingLog log = OpenLog();

        Assert.Equal(0u, log.NewestSequence);
        Assert.Equal(8, log.CorruptSlots);
        Assert.Empty(ReadAll(log, 0));
        Assert.True(log.Append(TestReadings.Make(1), 0, out bool dropped));
        Assert.False(dropped);
    }

    [Fact]
    public void Open_SkipsUnreadableChunks_WithoutThrowing()
    {
        AppendRange(OpenLog(16), 1, 12);
        _flash.FailNextReads(1);

        ReadingLog log = OpenLog(16);

        // The first chunk (slots 0..7) failed; slots 8..11 still hold 9..12.
        Assert.Equal(8, log.UnreadableSlots);
        Assert.Equal(0, log.CorruptSlots);
        Assert.Equal(12u, log.NewestSequence);
    }

    [Fact]
    public void Append_ReturnsFalse_WhenTheSlotCannotBeRead_AndWritesNothing()
    {
        ReadingLog log = OpenLog();
        AppendRange(log, 1, 2);
        long writes = _flash.WriteCount;
        _flash.FailNextReads(1);

        Assert.False(log.Append(TestReadings.Make(3), 0, out bool dropped));

        Assert.False(dropped);
        Assert.Equal(writes, _flash.WriteCount);
        Assert.Equal(2u, log.NewestSequence);
    }

    [Fact]
    public void Append_ReturnsFalse_OnWriteError_AndKeepsNewestSequence()
    {
        ReadingLog log = OpenLog();
        AppendRange(log, 1, 8);
        _flash.FailNextWrites(1);

        Assert.False(log.Append(TestReadings.Make(9), 0, out bool dropped));

        Assert.False(dropped);
        Assert.Equal(8u, log.NewestSequence);
        Assert.Equal(TestReadings.Range(1, 8), ReadAll(log, 0).Select(r => r.Sequence));
        Assert.True(log.Append(TestReadings.Make(9), 0, out bool droppedOnRetry));
        Assert.True(droppedOnRetry);
    }

    [Fact]
    public void ReadPending_SkipsAnUnreadableChunk_AndReturnsTheRest()
    {
        ReadingLog log = OpenLog(16);
        AppendRange(log, 1, 12);
        _flash.FailNextReads(1);

        // Chunks are 8 slots: 1..8 fail, 9..12 are read.
        Assert.Equal(new uint[] { 9, 10, 11, 12 }, ReadAll(log, 0).Select(r => r.Sequence));
    }
}
