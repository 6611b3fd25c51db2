using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// Flash as seen by a node that may have browned out mid-wake: once the clock says power is lost, writes no
/// longer reach the flash (the core may still "run" to the end of the wake in the simulator, but a dead chip
/// persists nothing). Reads pass through.
/// </summary>
public sealed class PowerAwareStorage(IPersistentStorage flash, SimulatedClock clock) : IPersistentStorage
{
    public int GetLength(string name) => flash.GetLength(name);
    public int Read(string name, int position, byte[] buffer, int offset, int count) => flash.Read(name, position, buffer, offset, count);
    public bool Write(string name, int position, byte[] data, int offset, int count)
    {
        if (clock.PowerLost) return false;
        try
        {
            return flash.Write(name, position, data, offset, count);
        }
        catch (SimulatedPowerLossException)
        {
            // The core may catch this (its radio step has a catch-all for adapter faults); the chip is dead all the same.
            clock.PowerLost = true;
            throw;
        }
    }
    public bool Delete(string name) => !clock.PowerLost && flash.Delete(name);
}
