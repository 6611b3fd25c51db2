namespace SensorNode.Core.Hardware
{
    /// <summary>
    /// One device address on one I2C bus. nanoFramework's I2cDevice is a sealed native class, so drivers
    /// talk to this instead and the simulator answers with register-level fakes. Whoever creates a
    /// channel disposes it; drivers never do.
    /// </summary>
    public interface II2cChannel
    {
        /// <summary>Writes every byte of <paramref name="data"/> in one transaction.</summary>
        I2cStatus Write(byte[] data);

        /// <summary>Reads exactly <c>buffer.Length</c> bytes in one transaction.</summary>
        I2cStatus Read(byte[] buffer);

        /// <summary>Writes <paramref name="writeData"/>, then a repeated start and reads <c>readBuffer.Length</c> bytes.</summary>
        I2cStatus WriteRead(byte[] writeData, byte[] readBuffer);
    }
}
