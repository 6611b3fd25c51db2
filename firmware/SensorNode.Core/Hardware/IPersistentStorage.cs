namespace SensorNode.Core.Hardware
{
    /// <summary>
    /// Named byte files in non-volatile storage (LittleFS on the device, simulated flash on the host).
    /// This is the only thing that survives a deep sleep. A power cut during <see cref="Write"/> may leave
    /// any prefix of the bytes written and the rest unchanged: callers must detect torn data themselves.
    /// </summary>
    public interface IPersistentStorage
    {
        /// <summary>Length of the named file in bytes; 0 when it does not exist.</summary>
        int GetLength(string name);

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes from <paramref name="position"/> into
        /// <paramref name="buffer"/> at <paramref name="offset"/>. Returns the number read (0 past the end
        /// or when the file does not exist), or -1 on an I/O error.
        /// </summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>
        /// Writes <paramref name="count"/> bytes at <paramref name="position"/>, creating or extending the file
        /// (a gap before <paramref name="position"/> is filled with 0xFF, like erased flash).
        /// Returns false on an I/O error.
        /// </summary>
        bool Write(string name, int position, byte[] data, int offset, int count);

        /// <summary>Deletes the named file. Returns false on an I/O error; true when it did not exist.</summary>
        bool Delete(string name);
    }
}
