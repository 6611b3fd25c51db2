using SensorNode.Core.Hardware;
using SensorNode.Core.Storage;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Storage;

/// <summary>The usage shown in Storage/README.md, run over several simulated wakes.</summary>
public class StorageWakeFlowTests
{
    // Same code as the README's usage snippet; publish returns the highest sequence the broker acknowledged (0 = none).
    private static void Wake(IPersistentStorage storage, Reading reading, Reading[] batch, Func<Reading[], int, uint> publish)
    {
        var stateStore = new NodeStateStore(storage, "state.bin");
        var state = new NodeState();
        stateStore.Load(state); // false on first boot: state is fresh (NextSequence = 1)
        var log = new ReadingLog(storage, "log.bin", 256);
        log.Open();
        // A brown-out between Append and Save leaves the log ahead of the state: never reuse a sequence.
        if (log.NewestSequence >= state.NextSequence)
        {
            state.NextSequence = log.NewestSequence + 1;
        }

        reading.Sequence = state.NextSequence;
        if (log.Append(reading, state.AckedSequence, out bool dropped))
        {
            state.NextSequence++;
            if (dropped)
            {
                state.DroppedReadings++;
            }
        }

        int count = log.ReadPending(state.AckedSequence, batch, batch.Length);
        uint ackedThrough = publish(batch, count); // highest sequence the broker acknowledged, in order
        if (ackedThrough > state.AckedSequence)
        {
            state.AckedSequence = ackedThrough;
        }
        stateStore.Save(state);
    }

    [Fact]
    public void Wakes_PublishEveryReadingOnce_AcrossOfflineWakesAndABrownOut()
    {
        var flash = new SimulatedFlash();
        var batch = new Reading[16];
        var published = new List<uint>();
        bool online = false;
        uint Publish(Reading[] b, int n)
        {
            if (!online || n == 0)
            {
                return 0;
            }
            published.AddRange(b.Take(n).Select(r => r.Sequence));
            return b[n - 1].Sequence;
        }

        Wake(flash, TestReadings.Make(0), batch, Publish); // seq 1, offline
        Wake(flash, TestReadings.Make(0), batch, Publish); // seq 2, offline

        // Seq 3 is appended, then power fails while saving the state: the stored state still says NextSequence = 3.
        var store = new NodeStateStore(flash, "state.bin");
        var interrupted = new NodeState();
        store.Load(interrupted);
        var appendOnly = new ReadingLog(flash, "log.bin", 256);
        appendOnly.Open();
        Assert.True(appendOnly.Append(TestReadings.Make(interrupted.NextSequence), interrupted.AckedSequence, out _));
        interrupted.NextSequence++;
        flash.CutPowerAfter(10);
        Assert.Throws<SimulatedPowerLossException>(() => store.Save(interrupted));

        online = true;
        Wake(flash, TestReadings.Make(0), batch, Publish); // seq 4 (not 3 again), publishes 1..4
        Wake(flash, TestReadings.Make(0), batch, Publish); // seq 5, publishes 5

        Assert.Equal(new uint[] { 1, 2, 3, 4, 5 }, published);
        var state = new NodeState();
        Assert.True(new NodeStateStore(flash, "state.bin").Load(state));
        Assert.Equal(6u, state.NextSequence);
        Assert.Equal(5u, state.AckedSequence);
        Assert.Equal(0u, state.DroppedReadings);
    }
}
