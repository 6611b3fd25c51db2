using System.Reflection;
using SensorNode.Core.Storage;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Storage;

public class NodeStateStoreTests
{
    private const string FileName = "state.bin";
    private const int SlotBytes = 80;
    private readonly SimulatedFlash _flash = new();

    private static readonly FieldInfo[] Fields = typeof(NodeState).GetFields(BindingFlags.Public | BindingFlags.Instance);

    // Sets every public field by reflection, so a field added to NodeState but forgotten by the codec fails here.
    private static NodeState Distinct(int seed)
    {
        var state = new NodeState();
        for (int i = 0; i < Fields.Length; i++)
        {
            long value = (seed + 1) * 1_000_003L + i * 7919L;
            object boxed = Fields[i].FieldType switch
            {
                Type t when t == typeof(uint) => (object)(uint)value,
                // Minutes up to 255, or 16-minute steps up to 68 h: the lengths WatchCommitment announces and the record keeps.
                _ when Fields[i].Name == nameof(NodeState.WatchMinutes) => (object)(int)(seed % 2 == 0 ? value % 256 : 256 + value % 74 * 16),
                Type t when t == typeof(int) => (object)(int)-value,
                Type t when t == typeof(long) => (object)(value * 100_000L),
                Type t when t == typeof(bool) => (object)true,
                Type t when t == typeof(byte) => (object)(byte)(value | 1),
                Type t => throw new InvalidOperationException($"NodeStateStoreTests: add {t} for field {Fields[i].Name}"),
            };
            Fields[i].SetValue(state, boxed);
        }
        return state;
    }

    private static void AssertSameState(NodeState expected, NodeState actual)
    {
        foreach (FieldInfo field in Fields)
        {
            Assert.True(Equals(field.GetValue(expected), field.GetValue(actual)),
                $"{field.Name}: expected {field.GetValue(expected)}, got {field.GetValue(actual)}");
        }
    }

    private NodeState LoadFresh(out bool loaded)
    {
        var into = Distinct(99); // pre-filled, so a fresh result proves Load reset it
        loaded = new NodeStateStore(_flash, FileName).Load(into);
        return into;
    }

    private static NodeState FreshState() => new();

    [Fact]
    public void Load_ReturnsFalseAndFreshState_WhenNothingWasSaved()
    {
        NodeState state = LoadFresh(out bool loaded);

        Assert.False(loaded);
        AssertSameState(FreshState(), state);
        Assert.Equal(1u, state.NextSequence);
    }

    [Fact]
    public void SaveThenLoad_RoundTripsEveryField()
    {
        NodeState saved = Distinct(1);

        Assert.True(new NodeStateStore(_flash, FileName).Save(saved));
        NodeState loaded = LoadFresh(out bool ok);

        Assert.True(ok);
        AssertSameState(saved, loaded);
    }

    [Fact]
    public void SaveThenLoad_RoundTripsExtremeValues()
    {
        var saved = new NodeState
        {
            NextSequence = uint.MaxValue,
            AckedSequence = uint.MaxValue - 1,
            DroppedReadings = 0,
            WakeCount = 0x8000_0000,
            LastSupercapMillivolts = int.MinValue,
            LastWakeEndUnixSeconds = long.MaxValue,
            LastSleepSeconds = int.MaxValue,
            LastWakeCostMicrojoules = -1,
            HarvestMicrowatts = 0,
            EventRateMilliPerHour = 123_456_789,
            LastTransmitUnixSeconds = long.MinValue,
            GuardRefusals = 1,
            LinkFailures = 65_536,
            PublishFailures = uint.MaxValue,
        };

        Assert.True(new NodeStateStore(_flash, FileName).Save(saved));

        AssertSameState(saved, LoadFresh(out _));
    }

    [Fact]
    public void Save_AlternatesSlots_SoTheNewestIsTheLastSaved()
    {
        var store = new NodeStateStore(_flash, FileName);
        for (int i = 1; i <= 5; i++)
        {
            Assert.True(store.Save(Distinct(i)));
            AssertSameState(Distinct(i), LoadFresh(out _));
        }

        Assert.Equal(2 * SlotBytes, _flash.GetLength(FileName));
        Assert.Equal(5, _flash.WriteCount);
        Assert.Equal(5 * SlotBytes, _flash.BytesWritten);
    }

    [Fact]
    public void Load_AfterReboot_ContinuesTheGenerations()
    {
        var first = new NodeStateStore(_flash, FileName);
        first.Save(Distinct(1));
        first.Save(Distinct(2));

        var rebooted = new NodeStateStore(_flash, FileName);
        rebooted.Load(new NodeState());
        Assert.True(rebooted.Save(Distinct(3)));

        AssertSameState(Distinct(3), LoadFresh(out _));
    }

    [Fact]
    public void Load_FallsBackToTheOlderSlot_WhenTheNewerIsCorrupt()
    {
        var store = new NodeStateStore(_flash, FileName);
        store.Save(Distinct(1)); // slot A
        store.Save(Distinct(2)); // slot B
        byte[] file = _flash.GetFileBytes(FileName);
        file[SlotBytes + 30] ^= 0x04;
        _flash.SetFileBytes(FileName, file);

        NodeState state = LoadFresh(out bool loaded);

        Assert.True(loaded);
        AssertSameState(Distinct(1), state);
    }

    [Fact]
    public void Load_TakesTheNewerSlotA_WhenTheOlderSlotB_LooksNewerButIsCorrupt()
    {
        // Only the slot that looks newer is checked first: a bit flip in B's generation makes it look newer, its CRC
        // fails, and A, the real newest, is loaded.
        var store = new NodeStateStore(_flash, FileName);
        store.Save(Distinct(1)); // slot A
        store.Save(Distinct(2)); // slot B
        store.Save(Distinct(3)); // slot A, the newest
        byte[] file = _flash.GetFileBytes(FileName);
        BitConverter.TryWriteBytes(file.AsSpan(SlotBytes + 4, 4), 1003u);   // B's generation (offset 4), far above A's 3
        _flash.SetFileBytes(FileName, file);

        NodeState state = LoadFresh(out bool loaded);

        Assert.True(loaded);
        AssertSameState(Distinct(3), state);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    [InlineData(0x5A)]
    public void Load_ReturnsFreshState_WhenBothSlotsAreCorrupt(byte fill)
    {
        var store = new NodeStateStore(_flash, FileName);
        store.Save(Distinct(1));
        store.Save(Distinct(2));
        byte[] file = _flash.GetFileBytes(FileName);
        file[10] ^= 0x01;
        file[SlotBytes + 10] ^= 0x01;
        _flash.SetFileBytes(FileName, file);

        NodeState state = LoadFresh(out bool loaded);
        Assert.False(loaded);
        AssertSameState(FreshState(), state);

        _flash.SetFileBytes(FileName, Enumerable.Repeat(fill, 2 * SlotBytes).ToArray());
        state = LoadFresh(out loaded);
        Assert.False(loaded);
        AssertSameState(FreshState(), state);
    }

    [Theory]
    [MemberData(nameof(ByteOffsets.Below), SlotBytes, MemberType = typeof(ByteOffsets))]
    public void TornSave_LeavesThePreviousStateInFull(int bytes)
    {
        var store = new NodeStateStore(_flash, FileName);
        store.Save(Distinct(1));
        store.Save(Distinct(2)); // both slots valid: the torn save overwrites the one holding state 1

        var wake = new NodeStateStore(_flash, FileName);
        Assert.True(wake.Load(new NodeState()));
        _flash.CutPowerAfter(bytes);
        Assert.Throws<SimulatedPowerLossException>(() => wake.Save(Distinct(3)));

        NodeState state = LoadFresh(out bool loaded);
        Assert.True(loaded);
        AssertSameState(Distinct(2), state);

        // The next wake saves normally and its state wins.
        var next = new NodeStateStore(_flash, FileName);
        next.Load(new NodeState());
        Assert.True(next.Save(Distinct(4)));
        AssertSameState(Distinct(4), LoadFresh(out _));
    }

    [Theory]
    [MemberData(nameof(ByteOffsets.Below), SlotBytes, MemberType = typeof(ByteOffsets))]
    public void TornSave_IntoTheSecondSlotOfANewFile_LeavesTheFirstState(int bytes)
    {
        new NodeStateStore(_flash, FileName).Save(Distinct(1)); // file holds slot A only

        var wake = new NodeStateStore(_flash, FileName);
        wake.Load(new NodeState());
        _flash.CutPowerAfter(bytes);
        Assert.Throws<SimulatedPowerLossException>(() => wake.Save(Distinct(2)));

        AssertSameState(Distinct(1), LoadFresh(out bool loaded));
        Assert.True(loaded);
    }

    [Theory]
    [MemberData(nameof(ByteOffsets.Below), SlotBytes, MemberType = typeof(ByteOffsets))]
    public void TornFirstSave_LoadsFreshState(int bytes)
    {
        var store = new NodeStateStore(_flash, FileName);
        _flash.CutPowerAfter(bytes);
        Assert.Throws<SimulatedPowerLossException>(() => store.Save(Distinct(1)));

        NodeState state = LoadFresh(out bool loaded);

        Assert.False(loaded);
        AssertSameState(FreshState(), state);
    }

    [Fact]
    public void Load_PicksTheNewerGeneration_AcrossCounterWrap()
    {
        byte[] file = new byte[2 * SlotBytes];
        NodeStateRecord.Encode(Distinct(1), uint.MaxValue, file, 0);
        NodeStateRecord.Encode(Distinct(2), 0, file, SlotBytes);
        _flash.SetFileBytes(FileName, file);

        AssertSameState(Distinct(2), LoadFresh(out _));
    }

    [Fact]
    public void Load_ReturnsFreshState_OnReadError()
    {
        new NodeStateStore(_flash, FileName).Save(Distinct(1));
        _flash.FailNextReads(1);

        NodeState state = LoadFresh(out bool loaded);

        Assert.False(loaded);
        AssertSameState(FreshState(), state);
    }

    [Fact]
    public void Save_AfterAFailedLoad_RereadsTheSlots_SoItsStateIsNotShadowedByAnOlderGeneration()
    {
        var first = new NodeStateStore(_flash, FileName);
        for (int i = 1; i <= 4; i++)
        {
            first.Save(Distinct(i));
        }

        var wake = new NodeStateStore(_flash, FileName);
        _flash.FailNextReads(1);
        Assert.False(wake.Load(new NodeState()));
        Assert.True(wake.Save(Distinct(5)));

        AssertSameState(Distinct(5), LoadFresh(out _));
    }

    [Fact]
    public void Save_ReturnsFalse_AndWritesNothing_WhenTheSlotsCannotBeRead()
    {
        new NodeStateStore(_flash, FileName).Save(Distinct(1));
        long writes = _flash.WriteCount;
        var wake = new NodeStateStore(_flash, FileName);
        _flash.FailNextReads(1);

        Assert.False(wake.Save(Distinct(2)));

        Assert.Equal(writes, _flash.WriteCount);
        AssertSameState(Distinct(1), LoadFresh(out _));
    }

    [Fact]
    public void Save_ReturnsFalse_OnWriteError_AndThePreviousStateStaysLoadable()
    {
        var store = new NodeStateStore(_flash, FileName);
        store.Save(Distinct(1));
        _flash.FailNextWrites(1);

        Assert.False(store.Save(Distinct(2)));

        AssertSameState(Distinct(1), LoadFresh(out _));
        Assert.True(store.Save(Distinct(3)));
        AssertSameState(Distinct(3), LoadFresh(out _));
    }
}
