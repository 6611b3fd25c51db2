namespace SensorNode.Simulation.Devices;

/// <summary>
/// Thrown by <see cref="SimulatedFlash.Write"/> when a power cut was armed with <see cref="SimulatedFlash.CutPowerAfter"/>:
/// the supply collapsed mid-write. Nothing after it runs; the simulator ends the wake as a brown-out.
/// </summary>
public sealed class SimulatedPowerLossException : Exception
{
    /// <summary>Creates the exception for a cut during a write to <paramref name="fileName"/>.</summary>
    public SimulatedPowerLossException(string fileName, int bytesStored, int bytesRequested)
        : base($"Simulated power loss while writing '{fileName}': {bytesStored} of {bytesRequested} bytes reached flash.")
    {
        FileName = fileName;
        BytesStored = bytesStored;
        BytesRequested = bytesRequested;
    }

    /// <summary>File being written when power was lost.</summary>
    public string FileName { get; }

    /// <summary>Bytes of the interrupted write that reached flash (a prefix), 0 to <see cref="BytesRequested"/>.</summary>
    public int BytesStored { get; }

    /// <summary>Bytes the interrupted write asked for.</summary>
    public int BytesRequested { get; }
}
