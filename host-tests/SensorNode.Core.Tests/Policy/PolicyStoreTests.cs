using SensorNode.Simulation.Devices;
using Xunit;
using SensorNode.Core.Policy;

namespace SensorNode.Core.Tests.Policy;

public class PolicyStoreTests
{
    private static PolicyTable Trained()
    {
        var codes = new byte[StateEncoder.StateCount];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)(i % 32);
        }
        return PolicyTable.FromActionCodes(20260101, codes);
    }

    private static void AssertFallsBack(SimulatedFlash storage, string fileName, PolicyLoadError expected)
    {
        var table = PolicyStore.LoadOrBuiltIn(storage, fileName, out var error);
        Assert.True(table.IsBuiltIn);
        Assert.Equal(PolicyTable.BuiltIn().Version, table.Version);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void LoadOrBuiltIn_ReturnsBuiltInWithoutError_WhenFileAbsent()
    {
        AssertFallsBack(new SimulatedFlash(), PolicyStore.FileName, PolicyLoadError.None);
    }

    [Fact]
    public void LoadOrBuiltIn_ReturnsStoredTable_WhenValid()
    {
        var storage = new SimulatedFlash();
        var trained = Trained();
        storage.SetFileBytes(PolicyStore.FileName, trained.Serialize());

        var table = PolicyStore.LoadOrBuiltIn(storage, PolicyStore.FileName, out var error);

        Assert.Equal(PolicyLoadError.None, error);
        Assert.False(table.IsBuiltIn);
        Assert.Equal(20260101u, table.Version);
        for (int i = 0; i < StateEncoder.StateCount; i++)
        {
            Assert.Equal(trained.Lookup(i), table.Lookup(i));
        }
    }

    [Fact]
    public void LoadOrBuiltIn_FallsBackToBuiltIn_ForCorruptionOfEveryByte()
    {
        byte[] good = Trained().Serialize();
        var storage = new SimulatedFlash();
        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x10;
            storage.SetFileBytes(PolicyStore.FileName, bad);
            var table = PolicyStore.LoadOrBuiltIn(storage, PolicyStore.FileName, out var error);
            Assert.True(table.IsBuiltIn, $"byte {i}");
            Assert.NotEqual(PolicyLoadError.None, error);
        }
    }

    [Fact]
    public void LoadOrBuiltIn_FallsBackWithTooShort_ForTruncatedFile()
    {
        var storage = new SimulatedFlash();
        storage.SetFileBytes(PolicyStore.FileName, Trained().Serialize()[..500]);
        AssertFallsBack(storage, PolicyStore.FileName, PolicyLoadError.TooShort);
    }

    [Fact]
    public void LoadOrBuiltIn_FallsBackWithTooShort_WhenReadFails()
    {
        var storage = new SimulatedFlash();
        storage.SetFileBytes(PolicyStore.FileName, Trained().Serialize());
        storage.FailNextReads(int.MaxValue);
        AssertFallsBack(storage, PolicyStore.FileName, PolicyLoadError.TooShort);
    }

    [Fact]
    public void LoadOrBuiltIn_RejectsOversizedFileUnread()
    {
        var storage = new SimulatedFlash();
        storage.SetFileBytes(PolicyStore.FileName, new byte[PolicyStore.MaxFileBytes + 1]);
        AssertFallsBack(storage, PolicyStore.FileName, PolicyLoadError.UnsupportedFormat);
    }

    [Fact]
    public void LoadOrBuiltIn_FallsBackWithLayoutMismatch_ForTableOfOtherLayout()
    {
        var storage = new SimulatedFlash();
        byte[] data = Trained().Serialize();
        data[6] = StateEncoder.LayoutId + 1;
        SensorNode.Core.Numerics.LittleEndian.WriteUInt32(data, data.Length - 4,
            SensorNode.Core.Numerics.Crc32.Compute(data, 0, data.Length - 4));
        storage.SetFileBytes("other.bin", data);
        AssertFallsBack(storage, "other.bin", PolicyLoadError.LayoutMismatch);
    }

    [Fact]
    public void LoadOrBuiltIn_FallsBackWithLayoutMismatch_ForATableOfLayoutOne()
    {
        var storage = new SimulatedFlash();
        storage.SetFileBytes(PolicyStore.FileName, LayoutOneTable.Bytes());
        AssertFallsBack(storage, PolicyStore.FileName, PolicyLoadError.LayoutMismatch);
    }
}
