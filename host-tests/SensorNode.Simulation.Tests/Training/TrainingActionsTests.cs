using SensorNode.Core.Policy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Training;
using SensorNode.Simulation.Tests.Environment;
using Xunit;

namespace SensorNode.Simulation.Tests.Training;

public class TrainingActionsTests
{
    private static string Ff66 => SharedData.Ff66;

    [Theory]
    [InlineData(1, 0x07, true)]    // low: 2 h, nothing else
    [InlineData(1, 0x06, true)]    // low: 1 h
    [InlineData(1, 0x0F, false)]   // low: PIR armed
    [InlineData(1, 0x05, false)]   // low: 30 min
    [InlineData(2, 0x0E, true)]    // fair: 1 h with PIR
    [InlineData(2, 0x17, false)]   // fair: radio
    [InlineData(2, 0x08, false)]   // fair: 15 s wakes
    [InlineData(3, 0x18, true)]    // good: anything
    [InlineData(0, 0x06, false)]   // critical: only the safe action
    [InlineData(3, 0x0F, true)]    // good: 2 h with PIR
    [InlineData(4, 0x0F, false)]   // high: 2 h
    [InlineData(4, 0x1E, true)]    // high: 1 h, PIR, radio
    [InlineData(5, 0x07, false)]   // full: 2 h
    [InlineData(5, 0x00, true)]    // full: 15 s
    public void Allowed_KeepsTheReserve_AtLowAndFairVoltage_AndWakesHourly_AtHighCharge(int voltageBin, int code, bool allowed)
    {
        int state = StateEncoder.Compose(voltageBin, 2, 2, 1, 1, 1);
        Assert.Equal(allowed, TrainingActions.Allowed(state, code));
        Assert.Equal(voltageBin >= 4 || allowed, TrainingActions.KeepsReserve(state, code));   // the reserve is the low-charge part
    }

    [Fact]
    public void TheRadio_IsAllowedFromRadioFromVoltageBin_AndInNoStateBelowIt()
    {
        for (int s = 0; s < StateEncoder.StateCount; s++)
        {
            bool anyRadio = Enumerable.Range(0, TrainingActions.Count).Any(code => (code & PolicyTable.TransmitBit) != 0 && TrainingActions.Allowed(s, code));
            Assert.Equal(StateEncoder.VoltageBinOf(s) >= TrainingActions.RadioFromVoltageBin, anyRadio);
        }
    }

    [Fact]
    public void Restrict_AtHighCharge_ShortensTheSleepToAnHour_AndKeepsThePirAndTheRadio()
    {
        int state = StateEncoder.Compose(4, 1, 0, 2, 0, 0);
        int code = PolicyTable.EncodeAction(new PolicyAction { WakeIntervalIndex = 7, MotionWakeArmed = true, Transmit = true });
        PolicyAction restricted = PolicyTable.DecodeAction((byte)TrainingActions.Restrict(state, code));
        Assert.Equal(TrainingActions.HighChargeMaxIntervalIndex, restricted.WakeIntervalIndex);
        Assert.True(restricted.MotionWakeArmed);
        Assert.True(restricted.Transmit);
    }

    [Fact]
    public void Restrict_GivesAnAllowedCode_ForEveryStateAndCode()
    {
        for (int s = 0; s < StateEncoder.StateCount; s++)
            for (int code = 0; code < TrainingActions.Count; code++)
                Assert.True(TrainingActions.Allowed(s, TrainingActions.Restrict(s, code)), $"state {s} code {code}");
    }

    [Fact]
    public void PriorTable_KeepsTheReserve_AndNeverTransmitsWithAnEmptyBacklog()
    {
        byte[] codes = PriorTable.BuildActionCodes();
        for (int s = 0; s < codes.Length; s++)
        {
            Assert.True(TrainingActions.KeepsReserve(s, codes[s]), $"state {s}");
            int backlogBin = s / (StateEncoder.EventRateBins * StateEncoder.ArrivalBins) % StateEncoder.BacklogBins;
            if (backlogBin == 0) Assert.False(PolicyTable.DecodeAction(codes[s]).Transmit);
        }
    }

    [Fact]
    public void BuiltInTable_KeepsTheReserve_InEveryState()
    {
        byte[] bytes = PolicyTable.BuiltIn().Serialize();
        for (int s = 0; s < StateEncoder.StateCount; s++)
            Assert.True(TrainingActions.KeepsReserve(s, bytes[PolicyTable.HeaderLength + s]), $"state {s}");
    }

    [RequiresSharedDataFact]
    public void ScaleLight_ScalesEveryLightSample_AndKeepsTheEvents()
    {
        var env = TraceReader.Read(Ff66).Slice(0, 1);
        var dark = PolicyTrainer.ScaleLight(env, 0.5);
        Assert.Equal(env.MotionEventUnixSeconds, dark.MotionEventUnixSeconds);
        for (int i = 0; i < env.StepCount; i++) Assert.Equal(env.IlluminanceLux[i] * 0.5, dark.IlluminanceLux[i], 3);
    }
}
