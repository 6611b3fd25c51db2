using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Simulation.Tests.Storage;

// Lives next to the storage tests that depend on it: there is no Simulation test project yet.
public class SimulatedFlashTests
{
    private readonly SimulatedFlash _flash = new();

    [Fact]
    public void Read_ReturnsZero_ForMissingFileOrPastTheEnd()
    {
        var buffer = new byte[4];

        Assert.Equal(0, _flash.Read("missing", 0, buffer, 0, 4));
        _flash.Write("f", 0, [1, 2], 0, 2);
        Assert.Equal(0, _flash.Read("f", 2, buffer, 0, 4));
        Assert.Equal(0, _flash.GetLength("missing"));
    }

    [Fact]
    public void Write_FillsAGapWithErasedBytes()
    {
        Assert.True(_flash.Write("f", 3, [0xAA, 0xBB, 0xCC], 1, 2));

        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xBB, 0xCC }, _flash.GetFileBytes("f"));
        Assert.Equal(5, _flash.GetLength("f"));
    }

    [Fact]
    public void Read_ReturnsShortCount_AtTheEndOfTheFile()
    {
        _flash.Write("f", 0, [1, 2, 3, 4, 5], 0, 5);
        var buffer = new byte[8];

        Assert.Equal(2, _flash.Read("f", 3, buffer, 1, 6));

        Assert.Equal(new byte[] { 0, 4, 5, 0, 0, 0, 0, 0 }, buffer);
    }

    [Fact]
    public void Write_OverwritesInPlace_AndCountsWear()
    {
        _flash.Write("f", 0, new byte[100], 0, 100);
        _flash.Write("f", 10, [7, 7], 0, 2);

        Assert.Equal(100, _flash.GetLength("f"));
        Assert.Equal(new byte[] { 7, 7 }, _flash.GetFileBytes("f")[10..12]);
        Assert.Equal(2, _flash.WriteCount);
        Assert.Equal(102, _flash.BytesWritten);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void CutPowerAfter_StoresOnlyThePrefix_ThenThrows(int bytes)
    {
        _flash.Write("f", 0, [0, 0, 0, 0], 0, 4);
        _flash.CutPowerAfter(bytes);

        var cut = Assert.Throws<SimulatedPowerLossException>(() => _flash.Write("f", 0, [9, 9, 9, 9], 0, 4));

        byte[] expected = [.. Enumerable.Repeat((byte)9, bytes), .. new byte[4 - bytes]];
        Assert.Equal(expected, _flash.GetFileBytes("f"));
        Assert.Equal(bytes, cut.BytesStored);
        Assert.Equal(4, cut.BytesRequested);
        Assert.Equal("f", cut.FileName);
        Assert.Equal(4 + bytes, _flash.BytesWritten);
    }

    [Fact]
    public void CutPowerAfter_AppliesToOneWriteOnly_AndAZeroByteCutDoesNotExtendTheFile()
    {
        _flash.CutPowerAfter(0);
        Assert.Throws<SimulatedPowerLossException>(() => _flash.Write("f", 8, [1], 0, 1));
        Assert.Equal(0, _flash.GetLength("f"));

        Assert.True(_flash.Write("f", 0, [1], 0, 1));
        Assert.Equal(new byte[] { 1 }, _flash.GetFileBytes("f"));
    }

    [Fact]
    public void FailNextWrites_ReturnsFalse_AndChangesNothing()
    {
        _flash.Write("f", 0, [1], 0, 1);
        _flash.FailNextWrites(2);

        Assert.False(_flash.Write("f", 0, [2], 0, 1));
        Assert.False(_flash.Write("g", 0, [2], 0, 1));
        Assert.True(_flash.Write("f", 1, [3], 0, 1));

        Assert.Equal(new byte[] { 1, 3 }, _flash.GetFileBytes("f"));
        Assert.Equal(0, _flash.GetLength("g"));
        Assert.Equal(2, _flash.WriteCount);
    }

    [Fact]
    public void FailNextReads_ReturnsMinusOne_ThenRecovers()
    {
        _flash.Write("f", 0, [5], 0, 1);
        _flash.FailNextReads(1);
        var buffer = new byte[1];

        Assert.Equal(-1, _flash.Read("f", 0, buffer, 0, 1));
        Assert.Equal(1, _flash.Read("f", 0, buffer, 0, 1));
        Assert.Equal(5, buffer[0]);
        Assert.Equal(1, _flash.ReadCount);
        Assert.Equal(1, _flash.BytesRead);
    }

    [Fact]
    public void Snapshot_IsIndependent_AndRestoreBringsItBack()
    {
        _flash.Write("f", 0, [1, 2], 0, 2);
        SimulatedFlash snapshot = _flash.Snapshot();

        _flash.Write("f", 0, [9], 0, 1);
        _flash.Write("g", 0, [9], 0, 1);
        Assert.Equal(new byte[] { 1, 2 }, snapshot.GetFileBytes("f"));

        _flash.Restore(snapshot);
        Assert.Equal(new byte[] { 1, 2 }, _flash.GetFileBytes("f"));
        Assert.Equal(0, _flash.GetLength("g"));
        _flash.Write("f", 0, [7], 0, 1);
        Assert.Equal(new byte[] { 1, 2 }, snapshot.GetFileBytes("f"));
    }

    [Fact]
    public void GetFileBytes_ReturnsACopy()
    {
        _flash.Write("f", 0, [1], 0, 1);

        _flash.GetFileBytes("f")[0] = 42;

        Assert.Equal(new byte[] { 1 }, _flash.GetFileBytes("f"));
    }

    [Fact]
    public void Delete_RemovesTheFile_AndSucceedsWhenMissing()
    {
        _flash.Write("f", 0, [1], 0, 1);

        Assert.True(_flash.Delete("f"));
        Assert.True(_flash.Delete("f"));
        Assert.Equal(0, _flash.GetLength("f"));
        Assert.Empty(_flash.FileNames);
    }
}
