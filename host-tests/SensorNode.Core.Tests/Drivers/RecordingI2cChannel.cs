using Xunit;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Drivers;

/// <summary>
/// A scripted I2C channel for byte-exact tests: records every byte written and answers reads from a queue
/// (datasheet frames typed in by the test, not produced by a simulated chip). Writes succeed unless a status
/// was queued; a read with nothing queued, or of a different length, fails the test.
/// </summary>
internal sealed class RecordingI2cChannel : II2cChannel
{
    private readonly Queue<I2cStatus> _writeStatuses = new();
    private readonly Queue<(I2cStatus Status, byte[] Data)> _reads = new();

    /// <summary>Every written byte sequence in order, including the write half of WriteRead.</summary>
    public List<byte[]> Writes { get; } = new();

    public void EnqueueWriteStatus(I2cStatus status) => _writeStatuses.Enqueue(status);

    public void EnqueueRead(params byte[] data) => _reads.Enqueue((I2cStatus.Ok, data));

    public void EnqueueReadFailure(I2cStatus status) => _reads.Enqueue((status, Array.Empty<byte>()));

    public I2cStatus Write(byte[] data)
    {
        Writes.Add(data.ToArray());
        return _writeStatuses.TryDequeue(out I2cStatus status) ? status : I2cStatus.Ok;
    }

    public I2cStatus Read(byte[] buffer) => NextRead(buffer);

    public I2cStatus WriteRead(byte[] writeData, byte[] readBuffer)
    {
        Writes.Add(writeData.ToArray());
        return NextRead(readBuffer);
    }

    private I2cStatus NextRead(byte[] buffer)
    {
        if (!_reads.TryDequeue(out var step))
        {
            throw new InvalidOperationException("The driver read, but the test scripted no read.");
        }
        if (step.Status != I2cStatus.Ok)
        {
            Array.Fill(buffer, (byte)0xFF);
            return step.Status;
        }
        Assert.Equal(step.Data.Length, buffer.Length);
        step.Data.CopyTo(buffer, 0);
        return I2cStatus.Ok;
    }
}
