using Xunit;
using SensorNode.Core.Numerics;
using SensorNode.Core.Policy;

namespace SensorNode.Core.Tests.Policy;

public class PolicyTableTests
{
    private static byte[] RandomCodes(int seed)
    {
        var random = new Random(seed);
        var codes = new byte[StateEncoder.StateCount];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)random.Next(0, 32);   // every valid code: bits 0-4
        }
        return codes;
    }

    private static void AssertSameActions(PolicyTable expected, PolicyTable actual)
    {
        for (int i = 0; i < StateEncoder.StateCount; i++)
        {
            Assert.Equal(expected.Lookup(i), actual.Lookup(i));
        }
    }

    private static void AssertRejected(byte[] data, PolicyLoadError expected)
    {
        Assert.False(PolicyTable.TryLoad(data, data.Length, out var table, out var error));
        Assert.Null(table);
        Assert.Equal(expected, error);
    }

    // Re-seals a hand-edited table so only the edited field can cause a rejection.
    private static void FixCrc(byte[] data)
    {
        int crcOffset = data.Length - 4;
        LittleEndian.WriteUInt32(data, crcOffset, Crc32.Compute(data, 0, crcOffset));
    }

    [Fact]
    public void EncodeAction_And_DecodeAction_RoundTripEveryValidCode()
    {
        for (int code = 0; code < 32; code++)
        {
            PolicyAction action = PolicyTable.DecodeAction((byte)code);
            Assert.Equal(code & 7, action.WakeIntervalIndex);
            Assert.Equal((code & 8) != 0, action.MotionWakeArmed);
            Assert.Equal((code & 16) != 0, action.Transmit);
            Assert.Equal((byte)code, PolicyTable.EncodeAction(action));
        }
    }

    [Fact]
    public void EncodeAction_PlacesFieldsInDocumentedBits()
    {
        var action = new PolicyAction { WakeIntervalIndex = 5, MotionWakeArmed = true, Transmit = true };
        Assert.Equal(0b0001_1101, PolicyTable.EncodeAction(action));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void EncodeAction_Throws_ForIntervalOutOfRange(int interval)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyTable.EncodeAction(new PolicyAction { WakeIntervalIndex = interval }));
    }

    [Fact]
    public void DecodeAction_Throws_WhenReservedBitsSet()
    {
        for (int code = 32; code < 256; code++)
        {
            Assert.Throws<ArgumentException>(() => PolicyTable.DecodeAction((byte)code));
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1728)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Lookup_ReturnsSafeAction_ForIndexOutOfRange(int index)
    {
        var table = PolicyTable.FromActionCodes(7, RandomCodes(1));
        var action = table.Lookup(index);
        Assert.Equal(PolicyTable.WakeIntervalCount - 1, action.WakeIntervalIndex);
        Assert.False(action.MotionWakeArmed);
        Assert.False(action.Transmit);
    }

    [Fact]
    public void Heuristic_IsTheHeuristicRuleTable()
    {
        var table = PolicyTable.Heuristic();
        Assert.True(table.IsBuiltIn);
        Assert.Equal(HeuristicPolicy.Version, table.Version);
        byte[] codes = HeuristicPolicy.BuildActionCodes();
        for (int i = 0; i < codes.Length; i++)
        {
            Assert.Equal(PolicyTable.DecodeAction(codes[i]), table.Lookup(i));
        }
    }

    [Fact]
    public void FromActionCodes_CopiesCodes_AndIsNotBuiltIn()
    {
        byte[] codes = RandomCodes(2);
        var table = PolicyTable.FromActionCodes(42, codes);
        PolicyAction before = table.Lookup(0);
        codes[0] ^= 0x1F;
        Assert.Equal(before, table.Lookup(0));
        Assert.False(table.IsBuiltIn);
        Assert.Equal(42u, table.Version);
    }

    [Fact]
    public void FromActionCodes_Throws_ForWrongLengthOrInvalidCode()
    {
        Assert.ThrowsAny<ArgumentException>(() => PolicyTable.FromActionCodes(1, null!));
        Assert.Throws<ArgumentException>(() => PolicyTable.FromActionCodes(1, new byte[StateEncoder.StateCount - 1]));
        Assert.Throws<ArgumentException>(() => PolicyTable.FromActionCodes(1, new byte[StateEncoder.StateCount + 1]));
        byte[] codes = RandomCodes(3);
        codes[500] = 0x20;
        Assert.Throws<ArgumentException>(() => PolicyTable.FromActionCodes(1, codes));
    }

    [Fact]
    public void Serialize_WritesDocumentedHeaderAndFitsIn2K()
    {
        var table = PolicyTable.FromActionCodes(0x01020304, RandomCodes(4));
        byte[] data = table.Serialize();
        Assert.Equal(1746, data.Length);
        Assert.Equal(PolicyTable.SerializedLength, data.Length);
        Assert.True(data.Length <= 2048);
        Assert.Equal(new byte[]
        {
            (byte)'S', (byte)'N', (byte)'P', (byte)'T',
            1, 0,                   // format version
            StateEncoder.LayoutId, 0,
            0xC0, 0x06,             // 1728 states
            0x04, 0x03, 0x02, 0x01, // table version
        }, data[..14]);
        Assert.Equal(Crc32.Compute(data, 0, 1742), LittleEndian.ReadUInt32(data, 1742));
    }

    [Fact]
    public void Serialize_ThenTryLoad_GivesEqualActionsAndVersion()
    {
        foreach (var original in new[] { PolicyTable.BuiltIn(), PolicyTable.FromActionCodes(uint.MaxValue, RandomCodes(5)) })
        {
            byte[] data = original.Serialize();
            Assert.True(PolicyTable.TryLoad(data, data.Length, out var loaded, out var error));
            Assert.Equal(PolicyLoadError.None, error);
            Assert.Equal(original.Version, loaded.Version);
            Assert.False(loaded.IsBuiltIn);
            AssertSameActions(original, loaded);
            Assert.Equal(data, loaded.Serialize());
        }
    }

    [Fact]
    public void TryLoad_RejectsCorruptionOfEveryByte()
    {
        byte[] good = PolicyTable.FromActionCodes(9, RandomCodes(6)).Serialize();
        foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (int i = 0; i < good.Length; i++)
            {
                byte[] bad = (byte[])good.Clone();
                bad[i] ^= mask;
                Assert.False(PolicyTable.TryLoad(bad, bad.Length, out var table, out var error), $"byte {i} ^ {mask:X2}");
                Assert.Null(table);
                Assert.NotEqual(PolicyLoadError.None, error);
            }
        }
    }

    [Fact]
    public void TryLoad_ReportsBadCrc_ForDamagedActionCode()
    {
        byte[] data = PolicyTable.BuiltIn().Serialize();
        data[PolicyTable.HeaderLength + 100] ^= 0x04;
        AssertRejected(data, PolicyLoadError.BadCrc);
    }

    [Fact]
    public void TryLoad_ReportsTooShort_ForEveryTruncation()
    {
        byte[] data = PolicyTable.BuiltIn().Serialize();
        for (int length = 0; length < data.Length; length++)
        {
            Assert.False(PolicyTable.TryLoad(data, length, out _, out var error));
            Assert.Equal(PolicyLoadError.TooShort, error);
        }
        Assert.False(PolicyTable.TryLoad(null!, 0, out _, out var nullError));
        Assert.Equal(PolicyLoadError.TooShort, nullError);
    }

    [Fact]
    public void TryLoad_ReportsUnsupportedFormat_ForTrailingBytes()
    {
        byte[] data = PolicyTable.BuiltIn().Serialize();
        byte[] longer = new byte[data.Length + 1];
        data.CopyTo(longer, 0);
        AssertRejected(longer, PolicyLoadError.UnsupportedFormat);
    }

    [Fact]
    public void TryLoad_ReportsBadMagic()
    {
        byte[] data = PolicyTable.BuiltIn().Serialize();
        data[3] = (byte)'X';
        FixCrc(data);
        AssertRejected(data, PolicyLoadError.BadMagic);
    }

    [Fact]
    public void TryLoad_ReportsUnsupportedFormat_ForOtherFormatVersion()
    {
        byte[] data = PolicyTable.BuiltIn().Serialize();
        LittleEndian.WriteUInt16(data, 4, 2);
        FixCrc(data);
        AssertRejected(data, PolicyLoadError.UnsupportedFormat);
    }

    [Theory]
    [InlineData(6, StateEncoder.LayoutId + 1)]   // layout id
    [InlineData(6, 0)]
    [InlineData(8, StateEncoder.StateCount - 1)] // state count
    public void TryLoad_ReportsLayoutMismatch_ForOtherLayoutOrStateCount(int offset, int value)
    {
        byte[] data = PolicyTable.BuiltIn().Serialize();
        LittleEndian.WriteUInt16(data, offset, value);
        FixCrc(data);
        AssertRejected(data, PolicyLoadError.LayoutMismatch);
    }

    [Fact]
    public void TryLoad_ReportsBadAction_ForReservedBitsUnderValidCrc()
    {
        byte[] data = PolicyTable.BuiltIn().Serialize();
        data[PolicyTable.HeaderLength + 863] |= 0x80;
        FixCrc(data);
        AssertRejected(data, PolicyLoadError.BadAction);
    }

    [Fact]
    public void TryLoad_ReadsOnlyGivenLength_OfLargerBuffer()
    {
        byte[] data = PolicyTable.BuiltIn().Serialize();
        byte[] buffer = new byte[2048];
        data.CopyTo(buffer, 0);
        Assert.True(PolicyTable.TryLoad(buffer, data.Length, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyTable.TryLoad(data, data.Length + 1, out _, out _));
    }

    [Fact]
    public void TryLoad_ReportsLayoutMismatch_ForATableOfLayoutOne()
    {
        byte[] data = LayoutOneTable.Bytes();
        Assert.NotEqual(1, StateEncoder.LayoutId);
        Assert.False(PolicyTable.TryLoad(data, data.Length, out PolicyTable? table, out PolicyLoadError error));
        Assert.Null(table);
        Assert.Equal(PolicyLoadError.LayoutMismatch, error);
    }

    [Fact]
    public void DescribeLoadError_SaysEachReasonInWords()
    {
        var texts = Enum.GetValues<PolicyLoadError>().Select(PolicyTable.DescribeLoadError).ToList();

        Assert.All(texts, t => Assert.DoesNotContain("unknown error", t));
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Contains("CRC-32", PolicyTable.DescribeLoadError(PolicyLoadError.BadCrc));
    }

    [Fact]
    public void SerializedCrc_IsTheCrc32OfEverythingBeforeIt_AndNamesTheTable()
    {
        byte[] a = PolicyTable.FromActionCodes(7, HeuristicPolicy.BuildActionCodes()).Serialize();
        byte[] b = PolicyTable.FromActionCodes(8, HeuristicPolicy.BuildActionCodes()).Serialize();

        Assert.Equal(Crc32.Compute(a, 0, a.Length - 4), PolicyTable.SerializedCrc(a));
        Assert.NotEqual(PolicyTable.SerializedCrc(a), PolicyTable.SerializedCrc(b));
        Assert.Throws<ArgumentException>(() => PolicyTable.SerializedCrc(new byte[3]));
    }
}
