using SensorNode.Core.Config;
using SensorNode.Core.Energy;
using SensorNode.Core.Update;
using Xunit;

namespace SensorNode.Core.Tests.Update;

/// <summary>The per-wake energy gate of chunk fetching (docs/updates.md).</summary>
public class UpdateFetchBudgetTests
{
    private static readonly NodeConfig Config = new();
    private static readonly SupercapModel Cap = new(Config.CapacitanceMillifarads, Config.EsrMilliohms, Config.BrownoutMillivolts, Config.MaxMillivolts);
    private static readonly int Floor = new BrownoutGuard(Cap, Config.RadioPeakMilliamps, Config.TransmitBudgetMillijoules).MinimumStartMillivolts;

    private static readonly int Safe = UpdateFetchBudget.SafeMillivolts(Cap, Floor, 1024, Config.RadioMilliamps);

    private static int Allowed(int millivolts, long budgetMicrojoules = UpdateFetchBudget.WakeBudgetMillijoules * 1000L) =>
        UpdateFetchBudget.ChunksAllowed(Cap, millivolts, Safe, Floor, budgetMicrojoules, 1024, Config.RadioMilliamps);

    [Fact]
    public void SafeLevel_IsTheGuardsFloorPlusTheMinimumChunks_AndAllowsAtLeastThem()
    {
        Assert.True(Safe > Floor && Safe < Config.MaxMillivolts, $"safe {Safe} mV, floor {Floor} mV");
        // Priced at the full supercap's voltage: at the safe level itself a chunk costs a little less.
        Assert.InRange(Allowed(Safe, 1_000_000_000), UpdateFetchBudget.MinChunksPerWake, 2 * UpdateFetchBudget.MinChunksPerWake);
    }

    [Fact]
    public void BelowTheSafeLevel_NoChunk()
    {
        Assert.Equal(0, Allowed(Safe - 1));
        Assert.True(Allowed(Safe) > 0);
    }

    [Fact]
    public void AboveIt_TheBudgetOverTheChunkCost_AndNeverMoreThanTheEnergyAboveTheFloor()
    {
        int top = Config.MaxMillivolts;
        long perChunk = UpdateFetchBudget.ChunkMicrojoules(1024, top, Config.RadioMilliamps);
        Assert.Equal((int)(UpdateFetchBudget.WakeBudgetMillijoules * 1000L / perChunk), Allowed(top));

        long hugeBudget = 1_000_000_000;
        int mv = Safe;
        long above = Cap.StoredMicrojoules(mv) - Cap.StoredMicrojoules(Floor);
        Assert.Equal((int)Math.Min(UpdateManifest.MaxChunks, above / UpdateFetchBudget.ChunkMicrojoules(1024, mv, Config.RadioMilliamps)), Allowed(mv, hugeBudget));
    }

    [Fact]
    public void MoreVoltage_NeverFewerChunksUnderTheEnergyLimit()
    {
        int previous = 0;
        for (int mv = Safe; mv <= Config.MaxMillivolts; mv += 50)
        {
            int now = Allowed(mv, 1_000_000_000);
            Assert.True(now >= previous, $"{mv} mV: {now} < {previous}");
            previous = now;
        }
    }
}
