using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Flash;

public sealed class Esp32PartitionLayoutsTests
{
    private static readonly Esp32PartitionLayout Current = Esp32PartitionLayouts.Find("ESP32_REV3", "1.17.0.339")!;

    [Fact]
    public void Find_KnowsThePinnedFirmware_AsThe2025Layout_OnlyForItsTarget()
    {
        Assert.Equal((0x10000, 0x1E0000, 0x1E0000, 0x1C0000), (Current.FactoryStart, Current.FactoryEnd, Current.DeployStart, Current.DeploySize));
        Assert.Null(Esp32PartitionLayouts.Find("ESP32_C3", "1.17.0.339"));
        Assert.Null(Esp32PartitionLayouts.Find("ESP32_REV3", "1.16.0.578"));
    }

    [Theory]
    [InlineData(0x190000, "2019-2021 layout")] // the address this project shipped with
    [InlineData(0x1B0000, "2021-10 layout")]   // nanoff's built-in default (Esp32Firmware.DeploymentPartitionAddress)
    [InlineData(0x1C0000, "2024-05 layout")]
    public void Problem_AnOlderLayoutsAddress_IsInsideNanoClr_AndSaysWhichLayoutItCameFrom(int address, string era)
    {
        string? problem = Esp32PartitionLayouts.Problem(Current, address, 1000);

        Assert.NotNull(problem);
        Assert.Contains("is inside nanoCLR (nanoCLR 0x010000-0x1DFFFF, deploy 0x1E0000-0x39FFFF)", problem);
        Assert.Contains(era, problem);
        Assert.EndsWith("Use 0x1E0000", problem);
    }

    [Theory]
    [InlineData(0x3A0000)]
    [InlineData(0x3C0000)] // the config partition (I:)
    [InlineData(0x008000)] // the partition table
    public void Problem_OutsideTheDeployPartition_IsRefused(int address) =>
        Assert.Contains("is outside the deploy partition", Esp32PartitionLayouts.Problem(Current, address, 1000));

    [Fact]
    public void Problem_TheDeployStart_IsFine_AndAnImageThatDoesNotFit_IsNot()
    {
        Assert.Null(Esp32PartitionLayouts.Problem(Current, 0x1E0000, 0x1C0000));
        Assert.Contains("runs past the end of the deploy partition", Esp32PartitionLayouts.Problem(Current, 0x1E0000, 0x1C0001));
    }
}
