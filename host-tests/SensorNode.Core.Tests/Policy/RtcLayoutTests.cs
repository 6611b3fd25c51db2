using System.Text;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Policy;

/// <summary>Layout 3 (event RTC): same states, the motion bit means wake-or-count; each node takes only its own layout.</summary>
public class RtcLayoutTests
{
    private static byte[] Codes()
    {
        var codes = new byte[StateEncoder.StateCount];
        for (int i = 0; i < codes.Length; i++) codes[i] = (byte)(i % 32);
        return codes;
    }

    [Fact]
    public void ALayoutThreeTable_RoundTrips_AndIsRejectedWhereLayoutTwoIsExpected()
    {
        byte[] data = PolicyTable.FromActionCodesFor(7, Codes(), StateEncoder.RtcLayoutId).Serialize();
        Assert.Equal(StateEncoder.RtcLayoutId, data[6] | data[7] << 8);

        Assert.True(PolicyTable.TryLoadFor(data, data.Length, StateEncoder.RtcLayoutId, out PolicyTable table, out _));
        Assert.Equal(StateEncoder.RtcLayoutId, table.LayoutId);
        Assert.Equal(data, table.Serialize());

        Assert.False(PolicyTable.TryLoad(data, data.Length, out _, out PolicyLoadError error));
        Assert.Equal(PolicyLoadError.LayoutMismatch, error);
        byte[] two = PolicyTable.FromActionCodes(7, Codes()).Serialize();
        Assert.False(PolicyTable.TryLoadFor(two, two.Length, StateEncoder.RtcLayoutId, out _, out error));
        Assert.Equal(PolicyLoadError.LayoutMismatch, error);
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyTable.FromActionCodesFor(7, Codes(), 4));
    }

    [Fact]
    public void TheStore_FallsBackToTheBuiltInTableOfTheNodesLayout()
    {
        var flash = new SimulatedFlash();
        byte[] two = PolicyTable.FromActionCodes(7, Codes()).Serialize();
        flash.Write(PolicyStore.FileName, 0, two, 0, two.Length);

        PolicyTable rtc = PolicyStore.LoadOrBuiltInFor(flash, PolicyStore.FileName, StateEncoder.RtcLayoutId, out PolicyLoadError error);
        Assert.Equal(PolicyLoadError.LayoutMismatch, error);
        Assert.True(rtc.IsBuiltIn);
        Assert.Equal(StateEncoder.RtcLayoutId, rtc.LayoutId);
        Assert.Equal(RtcWakeOrCount.Version, rtc.Version);

        PolicyTable plain = PolicyStore.LoadOrBuiltIn(flash, PolicyStore.FileName, out error);
        Assert.Equal(PolicyLoadError.None, error);
        Assert.Equal(7u, plain.Version);
    }

    [Fact]
    public void TheOtaCommand_RejectsATableOfTheOtherLayout_AndAppliesItsOwn()
    {
        var flash = new SimulatedFlash();
        byte[] Command(byte[] table)
        {
            byte[] head = Encoding.ASCII.GetBytes("42\n");
            byte[] buffer = new byte[PolicyUpdate.MaxPayloadLength + 16];
            head.CopyTo(buffer, 0);
            table.CopyTo(buffer, head.Length);
            return buffer;
        }
        byte[] two = PolicyTable.FromActionCodes(8, Codes()).Serialize();
        byte[] three = PolicyTable.FromActionCodesFor(9, Codes(), StateEncoder.RtcLayoutId).Serialize();

        PolicyUpdateOutcome rejected = PolicyUpdate.ApplyFor(flash, Command(two), two.Length + 3, RtcWakeOrCount.Version, PolicyLoadError.None,
            StateEncoder.RtcLayoutId, out _, out _, out PolicyLoadError tableError);
        Assert.Equal(PolicyUpdateOutcome.BadTable, rejected);
        Assert.Equal(PolicyLoadError.LayoutMismatch, tableError);
        Assert.Equal(0, flash.GetLength(PolicyStore.FileName));

        PolicyUpdateOutcome applied = PolicyUpdate.ApplyFor(flash, Command(three), three.Length + 3, RtcWakeOrCount.Version, PolicyLoadError.None,
            StateEncoder.RtcLayoutId, out uint id, out uint version, out _);
        Assert.Equal(PolicyUpdateOutcome.Applied, applied);
        Assert.Equal((42u, 9u), (id, version));
    }

    [Fact]
    public void TheBuiltInRule_WakesForArrivals_InAQuietRoomFromGood_OrOnALitDayFromHigh_KeepingIntervalAndTransmit()
    {
        PolicyTable two = PolicyTable.BuiltIn();
        PolicyTable three = PolicyTable.BuiltInFor(StateEncoder.RtcLayoutId);
        int armed = 0;
        for (int v = 0; v < StateEncoder.VoltageBins; v++)
        for (int l = 0; l < StateEncoder.LightBins; l++)
        for (int h = 0; h < StateEncoder.HourBins; h++)
        for (int b = 0; b < StateEncoder.BacklogBins; b++)
        for (int e = 0; e < StateEncoder.EventRateBins; e++)
        for (int a = 0; a < StateEncoder.ArrivalBins; a++)
        {
            int s = StateEncoder.Compose(v, l, h, b, e, a);
            PolicyAction a2 = two.Lookup(s);
            PolicyAction a3 = three.Lookup(s);
            bool expected = (e == 0 && v >= 3) || (v >= 4 && l >= 2 && (h == 1 || h == 2));
            Assert.Equal(expected, a3.MotionWakeArmed);
            Assert.Equal(a2.WakeIntervalIndex, a3.WakeIntervalIndex);
            Assert.Equal(a2.Transmit, a3.Transmit);
            if (a3.MotionWakeArmed) armed++;
        }
        Assert.InRange(armed, 1, StateEncoder.StateCount - 1);
        Assert.Equal(StateEncoder.LayoutId, PolicyTable.BuiltInFor(StateEncoder.LayoutId).LayoutId);
    }
}
