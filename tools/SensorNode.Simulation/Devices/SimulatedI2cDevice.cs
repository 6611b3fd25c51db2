using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// Base of the register-level I2C fakes: one device at one address, answering the real drivers byte for byte.
/// Adds what a bench cannot do on demand: an absent device, injected transfer faults, corrupted read data,
/// and conversions that stay in progress until the test says they are done.
/// </summary>
public abstract class SimulatedI2cDevice : II2cChannel
{
    private int _failuresLeft;
    private I2cStatus _failureStatus;
    private int _corruptionsLeft;
    private int _corruptByteIndex = -1;
    private bool _conversionInProgress;

    /// <summary>False: the device is absent or unpowered and NACKs its address on every transfer. Default true.</summary>
    public bool Present { get; set; } = true;

    /// <summary>Transfers attempted so far (Write, Read and WriteRead count one each), including failed ones.</summary>
    public int TransferCount { get; private set; }

    /// <summary>
    /// The simulator has no clock of its own: by default a conversion completes the moment it starts. When true,
    /// it stays in progress (the chip behaves as busy) until <see cref="CompleteConversion"/>.
    /// </summary>
    public bool HoldConversions { get; set; }

    /// <summary>True while a held conversion is in progress.</summary>
    public bool IsConverting => _conversionInProgress;

    /// <summary>
    /// The next <paramref name="count"/> transfers fail with <paramref name="status"/> before reaching the device
    /// model (its state does not change; read buffers are filled with 0xFF, an idle bus). An absent device
    /// NACKs without using these up.
    /// </summary>
    public void FailNextTransfers(int count, I2cStatus status)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (status == I2cStatus.Ok)
        {
            throw new ArgumentException("a failure status is required, not Ok", nameof(status));
        }
        _failuresLeft = count;
        _failureStatus = status;
    }

    /// <summary>
    /// The next <paramref name="count"/> successful reads of corruptible data have bit 0 of one byte flipped:
    /// the byte the device picks (<see cref="DefaultCorruptByteIndex"/>). A chip with a CRC (SHT3x) lets the
    /// driver catch this; for chips without one (OPT3001, BH1750) the corrupted reading is still a well-formed
    /// response and cannot be detected.
    /// </summary>
    public void CorruptNextReads(int count) => CorruptNextReads(count, -1);

    /// <summary>As <see cref="CorruptNextReads(int)"/>, flipping bit 0 of byte <paramref name="byteIndex"/> (-1: the device's choice).</summary>
    public void CorruptNextReads(int count, int byteIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(byteIndex, -1);
        _corruptionsLeft = count;
        _corruptByteIndex = byteIndex;
    }

    /// <summary>Finishes a conversion held by <see cref="HoldConversions"/>; does nothing when none is in progress.</summary>
    public void CompleteConversion()
    {
        if (_conversionInProgress)
        {
            _conversionInProgress = false;
            OnConversionComplete();
        }
    }

    /// <inheritdoc />
    public I2cStatus Write(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        I2cStatus status = BeginTransfer();
        return status == I2cStatus.Ok ? OnWrite(data) : status;
    }

    /// <inheritdoc />
    public I2cStatus Read(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        I2cStatus status = BeginTransfer();
        return status == I2cStatus.Ok ? ReadFromDevice(buffer) : FailRead(buffer, status);
    }

    /// <inheritdoc />
    public I2cStatus WriteRead(byte[] writeData, byte[] readBuffer)
    {
        ArgumentNullException.ThrowIfNull(writeData);
        ArgumentNullException.ThrowIfNull(readBuffer);
        I2cStatus status = BeginTransfer();
        if (status == I2cStatus.Ok)
        {
            status = OnWrite(writeData);
        }
        return status == I2cStatus.Ok ? ReadFromDevice(readBuffer) : FailRead(readBuffer, status);
    }

    /// <summary>The device receives <paramref name="data"/> (its address was acknowledged). Return a failure to NACK.</summary>
    protected abstract I2cStatus OnWrite(byte[] data);

    /// <summary>The device fills <paramref name="buffer"/> (its address was acknowledged). Return a failure to NACK.</summary>
    protected abstract I2cStatus OnRead(byte[] buffer);

    /// <summary>A conversion started with <see cref="StartConversion"/> has finished: latch the physical values now.</summary>
    protected virtual void OnConversionComplete()
    {
    }

    /// <summary>Whether the read just answered carries data a corruption should hit (e.g. only the result register). Default true.</summary>
    protected virtual bool IsCorruptibleRead => true;

    /// <summary>Byte flipped by <see cref="CorruptNextReads(int)"/>; default the last byte of the read.</summary>
    protected virtual int DefaultCorruptByteIndex(int readLength) => readLength - 1;

    /// <summary>Starts a conversion: completes at once, or stays in progress while <see cref="HoldConversions"/> is set.</summary>
    protected void StartConversion()
    {
        if (HoldConversions)
        {
            _conversionInProgress = true;
        }
        else
        {
            OnConversionComplete();
        }
    }

    /// <summary>Abandons a conversion in progress (soft reset, power down) without latching a result.</summary>
    protected void AbortConversion() => _conversionInProgress = false;

    private I2cStatus BeginTransfer()
    {
        TransferCount++;
        if (!Present)
        {
            return I2cStatus.AddressNotAcknowledged;
        }
        if (_failuresLeft > 0)
        {
            _failuresLeft--;
            return _failureStatus;
        }
        return I2cStatus.Ok;
    }

    private I2cStatus ReadFromDevice(byte[] buffer)
    {
        I2cStatus status = OnRead(buffer);
        if (status != I2cStatus.Ok)
        {
            return FailRead(buffer, status);
        }
        if (_corruptionsLeft > 0 && buffer.Length > 0 && IsCorruptibleRead)
        {
            _corruptionsLeft--;
            int index = _corruptByteIndex >= 0 ? _corruptByteIndex : DefaultCorruptByteIndex(buffer.Length);
            buffer[Math.Min(index, buffer.Length - 1)] ^= 0x01;
        }
        return I2cStatus.Ok;
    }

    private static I2cStatus FailRead(byte[] buffer, I2cStatus status)
    {
        Array.Fill(buffer, (byte)0xFF);
        return status;
    }
}
