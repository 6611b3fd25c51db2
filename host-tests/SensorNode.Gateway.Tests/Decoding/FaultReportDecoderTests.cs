using System.Collections;
using System.Text;
using SensorNode.Core.Config;
using SensorNode.Core.Telemetry;
using SensorNode.Gateway.Tests.Storage;

namespace SensorNode.Gateway.Tests.Decoding;

/// <summary>
/// Issue 9's fault reports at the gateway: only the core's unconfigured identities may report, the text must be what
/// <see cref="FaultReport.Write"/> makes (bounded, printable), and the store keeps one row per distinct report, bounded.
/// </summary>
public sealed class FaultReportDecoderTests : IDisposable
{
    private const string Id = "unconfigured-a4cf12b3c4d5";
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static byte[] Core(string code, uint crc, int errorCount, int messageLength = 20)
    {
        var errors = new ArrayList();
        for (int i = 0; i < errorCount; i++)
            errors.Add(new ConfigError { Source = "nf.config", Line = i + 1, Field = "wake.interval_seconds", Message = new string('m', messageLength) });
        byte[] buffer = new byte[FaultReport.MaxLength];
        int length = FaultReport.Write(buffer, code, crc, errors);
        return buffer[..length];
    }

    [Theory]
    [InlineData("config-invalid", 0x1A2B3C4Du, 0, "1A2B3C4D")]
    [InlineData("storage-empty", 0u, 5, "none")] // the core keeps 3 errors, each cut at 120 characters
    public void CoreBuiltReports_Decode(string code, uint crc, int errors, string crcText)
    {
        byte[] payload = Core(code, crc, errors, messageLength: 300);
        Assert.True(FaultReportDecoder.TryDecode(Id, payload, out FaultReportRecord? report, out string reason), reason);
        Assert.Equal((Id, code, crcText, Encoding.ASCII.GetString(payload)), (report!.NodeId, report.Code, report.ConfigCrc, report.Text));
        Assert.Equal(Id, UnconfiguredIdentity.FromMac([0xa4, 0xcf, 0x12, 0xb3, 0xc4, 0xd5]));
    }

    [Theory]
    [InlineData("node-02")] // a configured node's id: the ACL's "+/fault" lets any node user write it
    [InlineData("unconfigured-000000000000")] // an unreadable MAC gives no identity (the core's rule)
    [InlineData("unconfigured-ffffffffffff")]
    [InlineData("unconfigured-A4CF12B3C4D5")] // the core writes lower-case hex
    [InlineData("unconfigured-a4cf12b3c4d")]
    [InlineData("unconfigured-a4cf12b3c4d5x")]
    public void ReportsOnOtherIds_AreRefused(string id)
    {
        Assert.False(FaultReportDecoder.TryDecode(id, Core("config-invalid", 1, 1), out _, out string reason));
        Assert.Contains("only 'unconfigured-<12 hex of the MAC>' identities report faults", reason);
    }

    [Theory]
    [InlineData("fault:config-invalid cfg=1A2B3C4D\n2026-01-01T00:00:00Z gateway: stopped\u001b[2J", "byte 0x1B")]
    [InlineData("fault:config-invalid cfg=1A2B3C4D\na\nb\nc\nd", "4 error lines")]
    [InlineData("oops:config-invalid cfg=1A2B3C4D", "does not start with")]
    [InlineData("fault:Config cfg=1A2B3C4D", "fault code")]
    [InlineData("fault:config-invalid cfg=1a2b3c4d", "cfg=")]
    [InlineData("fault:config-invalid cfg=1A2B3C4D\n\nx", "error line 1")]
    public void MalformedReports_AreRefused_WithAReason(string text, string expected)
    {
        Assert.False(FaultReportDecoder.TryDecode(Id, Encoding.UTF8.GetBytes(text), out _, out string reason));
        Assert.Contains(expected, reason);
    }

    [Fact]
    public void OversizedReport_IsRefused()
    {
        byte[] big = Encoding.ASCII.GetBytes("fault:x cfg=none\n" + new string('a', FaultReport.MaxLength));
        Assert.False(FaultReportDecoder.TryDecode(Id, big, out _, out string reason));
        Assert.Contains($"exceeds {FaultReport.MaxLength}", reason);
    }

    [Fact]
    public void Store_KeepsOneRowPerDistinctReport_AndOnlyTheNewest()
    {
        using ReadingStore store = _db.Open();
        Assert.True(FaultReportDecoder.TryDecode(Id, Core("config-invalid", 1, 1), out FaultReportRecord? report, out _));
        Assert.True(store.StoreFaultReport(report!, 1000));
        Assert.False(store.StoreFaultReport(report!, 2000)); // the retained copy again, on a resubscribe
        var row = Assert.Single(store.FaultReports());
        Assert.Equal((1000L, 2000L), (row.FirstSeenUnixMs, row.LastSeenUnixMs));

        for (int i = 0; i < ReadingStore.MaxFaultReports + 5; i++)
            store.StoreFaultReport(report! with { NodeId = $"unconfigured-{i + 1:x12}" }, 10_000 + i);
        IReadOnlyList<(string NodeId, string Code, string ConfigCrc, string Report, long FirstSeenUnixMs, long LastSeenUnixMs)> all = store.FaultReports(int.MaxValue);
        Assert.Equal(ReadingStore.MaxFaultReports, all.Count);
        Assert.Equal($"unconfigured-{ReadingStore.MaxFaultReports + 5:x12}", all[0].NodeId);
        Assert.DoesNotContain(all, r => r.NodeId == Id || r.NodeId == $"unconfigured-{5:x12}");
    }
}
