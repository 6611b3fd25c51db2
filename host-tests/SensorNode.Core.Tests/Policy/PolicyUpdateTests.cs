using System.Text;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Policy;

public class PolicyUpdateTests
{
    private readonly CountingStorage _flash = new();

    private static byte[] Table(uint version)
    {
        var codes = new byte[StateEncoder.StateCount];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)(i % 32);
        }
        return PolicyTable.FromActionCodes(version, codes).Serialize();
    }

    private static byte[] Command(string header, byte[] body)
    {
        // Room to spare, as in the wake's reused SenML buffer.
        byte[] buffer = new byte[PolicyUpdate.MaxPayloadLength + 100];
        byte[] head = Encoding.ASCII.GetBytes(header);
        head.CopyTo(buffer, 0);
        body.CopyTo(buffer, head.Length);
        return buffer;
    }

    private PolicyUpdateOutcome Apply(string header, byte[] body, uint flashVersion, PolicyLoadError flashError, out uint id, out uint version, out PolicyLoadError error) =>
        PolicyUpdate.Apply(_flash, Command(header, body), Encoding.ASCII.GetByteCount(header) + body.Length, flashVersion, flashError, out id, out version, out error);

    [Fact]
    public void MaxPayloadLength_Is1757_TheLongestHeaderAndOneTable()
    {
        Assert.Equal(11 + 1746, PolicyUpdate.MaxPayloadLength);
    }

    [Fact]
    public void Apply_WritesANewVersion_ThatPolicyStoreThenLoads()
    {
        PolicyUpdateOutcome outcome = Apply("42\n", Table(20260101), HeuristicPolicy.Version, PolicyLoadError.None, out uint id, out uint version, out _);

        Assert.Equal(PolicyUpdateOutcome.Applied, outcome);
        Assert.Equal(42u, id);
        Assert.Equal(20260101u, version);
        Assert.Equal(Table(20260101), _flash.Flash.GetFileBytes(PolicyStore.FileName));
        Assert.Equal(20260101u, PolicyStore.LoadOrBuiltIn(_flash, PolicyStore.FileName, out _).Version);
    }

    [Fact]
    public void Apply_SameVersionAsAnIntactFlashTable_WritesNothing()
    {
        PolicyUpdateOutcome outcome = Apply("7\n", Table(5), 5, PolicyLoadError.None, out uint id, out _, out _);

        Assert.Equal(PolicyUpdateOutcome.AlreadyInEffect, outcome);
        Assert.Equal(7u, id);
        Assert.Equal(0, _flash.Writes);
    }

    [Fact]
    public void Apply_SameVersionOverADamagedFlashTable_RewritesIt()
    {
        // The torn-write case: flash fell back to the built-in table, so the command must be written again.
        PolicyUpdateOutcome outcome = Apply("7\n", Table(HeuristicPolicy.Version), HeuristicPolicy.Version, PolicyLoadError.BadCrc, out _, out _, out _);

        Assert.Equal(PolicyUpdateOutcome.Applied, outcome);
        Assert.Equal(1, _flash.Writes);
    }

    [Theory]
    [InlineData(0, PolicyLoadError.BadMagic)]
    [InlineData(5, PolicyLoadError.UnsupportedFormat)]
    [InlineData(7, PolicyLoadError.LayoutMismatch)]
    [InlineData(500, PolicyLoadError.BadCrc)]
    public void Apply_DamagedTable_IsBadTable_AndFlashIsUntouched(int flippedByte, PolicyLoadError expected)
    {
        byte[] table = Table(9);
        table[flippedByte] ^= 0x40;

        PolicyUpdateOutcome outcome = Apply("8\n", table, 1, PolicyLoadError.None, out uint id, out uint version, out PolicyLoadError error);

        Assert.Equal(PolicyUpdateOutcome.BadTable, outcome);
        Assert.Equal(8u, id);
        Assert.Equal(0u, version);
        Assert.Equal(expected, error);
        Assert.Equal(0, _flash.Writes);
        Assert.Equal("bad-table", PolicyUpdate.RejectReason(outcome));
    }

    [Fact]
    public void Apply_TruncatedOrOverlongTable_IsBadTable()
    {
        Assert.Equal(PolicyUpdateOutcome.BadTable, Apply("8\n", Table(9)[..800], 1, PolicyLoadError.None, out _, out _, out var shortError));
        Assert.Equal(PolicyLoadError.TooShort, shortError);
        Assert.Equal(PolicyUpdateOutcome.BadTable, Apply("8\n", [.. Table(9), 0], 1, PolicyLoadError.None, out _, out _, out var longError));
        Assert.Equal(PolicyLoadError.UnsupportedFormat, longError);
    }

    [Fact]
    public void Apply_UnreadableHeader_IsBadCommandWithIdZero()
    {
        PolicyUpdateOutcome outcome = Apply("x\n", Table(9), 1, PolicyLoadError.None, out uint id, out _, out _);

        Assert.Equal(PolicyUpdateOutcome.BadCommand, outcome);
        Assert.Equal(0u, id);
        Assert.Equal("bad-command", PolicyUpdate.RejectReason(outcome));
    }

    [Fact]
    public void Apply_FlashRefusingTheWrite_IsWriteFailed()
    {
        _flash.Flash.FailNextWrites(1);

        PolicyUpdateOutcome outcome = Apply("8\n", Table(9), 1, PolicyLoadError.None, out _, out _, out _);

        Assert.Equal(PolicyUpdateOutcome.WriteFailed, outcome);
        Assert.Equal("write-failed", PolicyUpdate.RejectReason(outcome));
    }

    [Fact]
    public void Apply_OverALongerLeftoverFile_DeletesItFirst_SoNoTrailingBytesRemain()
    {
        _flash.Flash.SetFileBytes(PolicyStore.FileName, new byte[1500]);

        Assert.Equal(PolicyUpdateOutcome.Applied, Apply("8\n", Table(9), 1, PolicyLoadError.UnsupportedFormat, out _, out _, out _));

        Assert.Equal(PolicyTable.SerializedLength, _flash.GetLength(PolicyStore.FileName));
        Assert.Equal(9u, PolicyStore.LoadOrBuiltIn(_flash, PolicyStore.FileName, out _).Version);
    }

    [Theory]
    [InlineData(PolicyUpdateOutcome.None)]
    [InlineData(PolicyUpdateOutcome.Applied)]
    [InlineData(PolicyUpdateOutcome.AlreadyInEffect)]
    public void RejectReason_IsNull_UnlessRejected(PolicyUpdateOutcome outcome)
    {
        Assert.Null(PolicyUpdate.RejectReason(outcome));
    }

    /// <summary>Simulated flash that counts writes.</summary>
    private sealed class CountingStorage : IPersistentStorage
    {
        public SimulatedFlash Flash { get; } = new();
        public int Writes { get; private set; }
        public int GetLength(string name) => Flash.GetLength(name);
        public int Read(string name, int position, byte[] buffer, int offset, int count) => Flash.Read(name, position, buffer, offset, count);
        public bool Write(string name, int position, byte[] data, int offset, int count)
        {
            Writes++;
            return Flash.Write(name, position, data, offset, count);
        }
        public bool Delete(string name) => Flash.Delete(name);
    }

    [Fact]
    public void Apply_TableOfLayoutOne_IsBadTableWithLayoutMismatch_AndFlashIsUntouched()
    {
        PolicyUpdateOutcome outcome = Apply("12\n", LayoutOneTable.Bytes(), 1, PolicyLoadError.None, out uint id, out uint version, out PolicyLoadError error);

        Assert.Equal(PolicyUpdateOutcome.BadTable, outcome);
        Assert.Equal(12u, id);
        Assert.Equal(PolicyLoadError.LayoutMismatch, error);
        Assert.Equal(0, _flash.Writes);
    }

    [Fact]
    public void Apply_TableOfThisLayout_StillFitsTheCommandBuffer_AndIsApplied()
    {
        byte[] table = Table(13);
        Assert.Equal(PolicyTable.SerializedLength, table.Length);
        Assert.True(PolicyStore.MaxFileBytes >= table.Length);

        PolicyUpdateOutcome outcome = Apply("14\n", table, 1, PolicyLoadError.None, out uint id, out uint version, out PolicyLoadError error);

        Assert.Equal(PolicyUpdateOutcome.Applied, outcome);
        Assert.Equal(14u, id);
        Assert.Equal(13u, version);
        Assert.Equal(PolicyLoadError.None, error);
        Assert.Equal(1, _flash.Writes);
    }
}
