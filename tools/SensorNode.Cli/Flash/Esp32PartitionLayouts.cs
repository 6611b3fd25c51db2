using System.Globalization;

namespace SensorNode.Cli;

/// <summary>
/// One era of the classic-ESP32 nanoCLR partition table (nf-interpreter
/// <c>targets/ESP32/_IDF/esp32/partitions_nanoclr_4mb.csv</c>): where nanoCLR (the <c>factory</c> app) ends and
/// where the <c>deploy</c> partition, which nanoCLR scans for the application's assemblies, lies.
/// </summary>
/// <param name="Name">How messages name the era, with the commit that introduced it.</param>
/// <param name="FactoryStart">First byte of nanoCLR's factory partition.</param>
/// <param name="FactoryEnd">First byte after it.</param>
/// <param name="DeployStart">First byte of the deploy partition.</param>
/// <param name="DeploySize">Its size in the 4 MB table, bytes (the 8 and 16 MB tables are larger); 0 when not read.</param>
internal sealed record Esp32PartitionLayout(string Name, int FactoryStart, int FactoryEnd, int DeployStart, int DeploySize)
{
    /// <summary>First byte after the deploy partition (4 MB table); <see cref="DeployStart"/> when the size is unknown.</summary>
    public int DeployEnd => DeployStart + DeploySize;

    /// <summary>"nanoCLR 0x010000-0x1DFFFF, deploy 0x1E0000-0x39FFFF".</summary>
    public string Describe() =>
        $"nanoCLR {Hex(FactoryStart)}-{Hex(FactoryEnd - 1)}, deploy "
        + (DeploySize > 0 ? $"{Hex(DeployStart)}-{Hex(DeployEnd - 1)}" : $"from {Hex(DeployStart)}");

    internal static string Hex(int address) => "0x" + address.ToString("X6", CultureInfo.InvariantCulture);
}

/// <summary>
/// The partition-table eras of classic-ESP32 nanoCLR builds, and the firmware versions known to carry one of
/// them, so that <c>sensornode flash</c> can refuse a <c>[board] deploy_address</c> that writes the application
/// into nanoCLR or beside the deploy partition (nanoff itself checks nothing: research/nanoff-truth.md 1.5).
/// nanoCLR finds the deploy partition from the partition table at run time, so an image anywhere else is never loaded.
/// </summary>
internal static class Esp32PartitionLayouts
{
    /// <summary>nf-interpreter 85da9b8b (2021-10, ESP-IDF 4.3.1) and 129c3d92 (2022-02): factory 0x10000 + 0x1A0000.</summary>
    public static readonly Esp32PartitionLayout Idf43 = new("2021-10 layout (nf-interpreter 85da9b8b)", 0x10000, 0x1B0000, 0x1B0000, 0);

    /// <summary>nf-interpreter f63c5d92 (2024-05, ESP-IDF 5.1.3) and bf46e5de (2024-07, LittleFS); read at d4242cff.</summary>
    public static readonly Esp32PartitionLayout Idf51 = new("2024-05 layout (nf-interpreter f63c5d92)", 0x10000, 0x1C0000, 0x1C0000, 0x1E0000);

    /// <summary>nf-interpreter 099c96e8: factory 0x10000 + 0x1C0000, deploy 0x1D0000 + 0x1D0000.</summary>
    public static readonly Esp32PartitionLayout Factory1C = new("0x1D0000 layout (nf-interpreter 099c96e8)", 0x10000, 0x1D0000, 0x1D0000, 0x1D0000);

    /// <summary>
    /// nf-interpreter 53be3026 (2025-09-17, ESP-IDF 5.4.2), unchanged at main a3e8139 (2026-07-24):
    /// <c>factory, app, factory, 0x10000, 0x1D0000</c> and <c>deploy, data, 0x84, 0x1E0000, 0x1C0000</c>.
    /// </summary>
    public static readonly Esp32PartitionLayout Idf54 = new("2025-09 layout (nf-interpreter 53be3026)", 0x10000, 0x1E0000, 0x1E0000, 0x1C0000);

    /// <summary>
    /// nf-interpreter a78ba793 (2019-10, ESP-IDF 3.3) to ef194aa0 (2021-03): factory 0x10000 + 0x180000.
    /// Listed so that its address, 0x190000, is recognised in messages.
    /// </summary>
    public static readonly Esp32PartitionLayout Idf33 = new("2019-2021 layout (nf-interpreter a78ba793)", 0x10000, 0x190000, 0x190000, 0);

    /// <summary>Every era, oldest first.</summary>
    public static readonly IReadOnlyList<Esp32PartitionLayout> Eras = [Idf33, Idf43, Idf51, Factory1C, Idf54];

    // (target, firmware version) -> layout, each with the evidence that the version carries it:
    // 1.17.0.339: nanoframework/Home#1835 (2026-08-27, nanoff 2.5.162, ESP32_REV3 firmware 1.17.0.334 and .339) and a
    // published boot log of ESP32_REV3 nanoCLR 1.17.0.339 / ESP-IDF v5.5.4 on 4 MB flash printing
    // "factory ... 00010000 001d0000" and "deploy ... 01 84 001e0000 001c0000".
    private static readonly (string Target, string Version, Esp32PartitionLayout Layout)[] KnownFirmware =
    [
        ("ESP32_REV3", "1.17.0.339", Idf54),
    ];

    /// <summary>The layout of <paramref name="target"/>'s firmware <paramref name="version"/>, or null when this table does not know it.</summary>
    public static Esp32PartitionLayout? Find(string target, string version) =>
        KnownFirmware.Where(k => k.Target == target && k.Version == version).Select(k => k.Layout).FirstOrDefault();

    /// <summary>The firmware versions this table knows for <paramref name="target"/>, e.g. "1.17.0.339"; empty for none.</summary>
    public static IReadOnlyList<string> KnownVersions(string target) =>
        KnownFirmware.Where(k => k.Target == target).Select(k => k.Version).ToArray();

    /// <summary>
    /// Why <paramref name="address"/> (with an image of <paramref name="imageBytes"/> bytes; 0 when unknown) is wrong
    /// for <paramref name="layout"/>, or null when it lies in the deploy partition with room for the image.
    /// </summary>
    public static string? Problem(Esp32PartitionLayout layout, int address, long imageBytes)
    {
        if (address >= layout.FactoryStart && address < layout.FactoryEnd)
        {
            string era = Eras.FirstOrDefault(e => e != layout && e.DeployStart == address) is { } old ? $"; {Esp32PartitionLayout.Hex(address)} is the deploy address of the {old.Name}" : "";
            return $"{Esp32PartitionLayout.Hex(address)} is inside nanoCLR ({layout.Describe()}){era}: the write would overwrite the "
                + $"firmware and the application would never load. Use {Esp32PartitionLayout.Hex(layout.DeployStart)}";
        }
        bool sizeKnown = layout.DeploySize > 0;
        if (address < layout.DeployStart || (sizeKnown ? address >= layout.DeployEnd : address != layout.DeployStart))
        {
            return $"{Esp32PartitionLayout.Hex(address)} is outside the deploy partition ({layout.Describe()}): nanoCLR never looks there. "
                + $"Use {Esp32PartitionLayout.Hex(layout.DeployStart)}";
        }
        if (sizeKnown && address + imageBytes > layout.DeployEnd)
        {
            return $"the application image ({imageBytes} bytes) at {Esp32PartitionLayout.Hex(address)} runs past the end of the deploy partition "
                + $"({layout.Describe()})";
        }
        return null;
    }
}
