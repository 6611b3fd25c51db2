using SensorNode.Core.Policy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Training;
using Xunit;

namespace SensorNode.Simulation.Tests.Training;

public class UnvisitedFillTests
{
    private static int State(int voltage, int light, int hour, int backlog, int eventRate, int arrival) =>
        StateEncoder.Compose(voltage, light, hour, backlog, eventRate, arrival);

    private static byte Code(int interval, bool pir, bool transmit) =>
        PolicyTable.EncodeAction(new PolicyAction { WakeIntervalIndex = interval, MotionWakeArmed = pir, Transmit = transmit });

    [Fact]
    public void Apply_GivesAnUndecidedState_TheActionOfTheNearestDecidedState_WithItsVoltageBacklogAndArrivalBins()
    {
        var codes = new byte[StateEncoder.StateCount];
        Array.Fill(codes, Code(7, false, false));
        var decided = new bool[StateEncoder.StateCount];
        var visits = new int[StateEncoder.StateCount];
        // Good voltage (3), no backlog (0), timer wake (0): office light at hour bin 1 decided, hourly, PIR armed.
        int officeMorning = State(3, 2, 1, 0, 1, 0);
        codes[officeMorning] = Code(5, true, false);
        decided[officeMorning] = true;
        visits[officeMorning] = 40;
        // Farther (light 0 against 3), and of another backlog bin: neither may win.
        int darkMorning = State(3, 0, 1, 0, 1, 0);
        codes[darkMorning] = Code(6, false, false);
        decided[darkMorning] = true;
        visits[darkMorning] = 500;
        int officeBacklog = State(3, 3, 1, 2, 1, 0);
        codes[officeBacklog] = Code(4, true, true);
        decided[officeBacklog] = true;

        byte[] filled = UnvisitedFill.Apply(codes, decided, visits);

        Assert.Equal(Code(5, true, false), filled[State(3, 3, 1, 0, 1, 0)]);   // bright morning: nearest is the office one
        Assert.Equal(Code(6, false, false), filled[State(3, 0, 2, 0, 1, 0)]);  // dark midday: nearest is the dark morning
        Assert.Equal(Code(4, true, true), filled[State(3, 3, 1, 2, 2, 0)]);    // a backlog: only the backlog state shares its bin
        Assert.Equal(Code(7, false, false), filled[State(4, 3, 1, 0, 1, 0)]);  // high voltage: nothing decided there, kept
        Assert.Equal(Code(7, false, false), filled[State(3, 3, 1, 0, 1, 1)]);  // an arrival wake: nothing decided there, kept
        for (int s = 0; s < codes.Length; s++) if (decided[s]) Assert.Equal(codes[s], filled[s]);
    }

    [Fact]
    public void Apply_BreaksATieOfDistance_InFavourOfTheStateDecidedMostOften()
    {
        var codes = new byte[StateEncoder.StateCount];
        var decided = new bool[StateEncoder.StateCount];
        var visits = new int[StateEncoder.StateCount];
        int dimmer = State(3, 1, 1, 0, 1, 0), brighter = State(3, 3, 1, 0, 1, 0);
        codes[dimmer] = Code(6, false, false);
        codes[brighter] = Code(5, true, false);
        decided[dimmer] = decided[brighter] = true;
        visits[dimmer] = 3;
        visits[brighter] = 9;

        byte[] filled = UnvisitedFill.Apply(codes, decided, visits);

        Assert.Equal(Code(5, true, false), filled[State(3, 2, 1, 0, 1, 0)]);   // office light: one bin from each
    }

    [Fact]
    public void Train_FillsOnlyTheStatesNoTrainingRunDecided_AndKeepsTheTrainingScore()
    {
        TrainingOptions Options(bool fill) => new()
        {
            Environments = new[] { SyntheticEnvironment.Generate(SyntheticProfileKind.Office, new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), 3, 31) },
            Profile = HardwareProfile.Default(),
            PricedRanking = true,
            Episodes = 4,
            SearchSweeps = 1,
            SearchStates = 6,
            FillUnvisited = fill,
        };

        TrainingResult filled = PolicyTrainer.Train(Options(true)), plain = PolicyTrainer.Train(Options(false));

        byte[] a = filled.Table.Serialize(), b = plain.Table.Serialize();
        int changed = 0;
        for (int s = 0; s < StateEncoder.StateCount; s++)
        {
            byte fa = a[PolicyTable.HeaderLength + s], fb = b[PolicyTable.HeaderLength + s];
            if (plain.Learned.Decided[s]) Assert.Equal(fb, fa);
            else if (fa != fb) changed++;
            Assert.True(TrainingActions.Allowed(s, fa), $"state {s}: 0x{fa:X2} is not an allowed action");
        }
        Assert.True(changed > 0, "three office days leave states undecided whose start action differs from a decided neighbour's");
        // Re-scored, the filled table does exactly what the plain one does on the training days: no run reads a filled state.
        byte[] Codes(byte[] table) => table[PolicyTable.HeaderLength..(PolicyTable.HeaderLength + StateEncoder.StateCount)];
        Assert.Equal(PolicyTrainer.Evaluate(Codes(b), Options(false)).PricedUtility, PolicyTrainer.Evaluate(Codes(a), Options(false)).PricedUtility);
    }
}
