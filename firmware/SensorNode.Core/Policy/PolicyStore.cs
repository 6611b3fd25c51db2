using SensorNode.Core.Hardware;

namespace SensorNode.Core.Policy
{
    /// <summary>Loads the policy table file from flash, falling back to the built-in table whenever it cannot be trusted.</summary>
    public static class PolicyStore
    {
        /// <summary>Name of the table file in internal storage (deployed with nanoff --filedeployment or written by a command).</summary>
        public const string FileName = "policy.bin";

        /// <summary>Files longer than this, bytes, are rejected unread (<see cref="PolicyLoadError.UnsupportedFormat"/>): it bounds the RAM a load takes.</summary>
        public const int MaxFileBytes = 2048;

        /// <summary>
        /// The table in <paramref name="fileName"/>. No file: the built-in table and <see cref="PolicyLoadError.None"/>.
        /// A file that fails to read (<see cref="PolicyLoadError.TooShort"/>), is damaged or was made for another
        /// layout: the built-in table and the reason in <paramref name="error"/>. Never throws for bad file contents.
        /// </summary>
        public static PolicyTable LoadOrBuiltIn(IPersistentStorage storage, string fileName, out PolicyLoadError error)
        {
            error = PolicyLoadError.None;
            int length = storage.GetLength(fileName);
            if (length <= 0)
            {
                return PolicyTable.BuiltIn();
            }
            if (length > MaxFileBytes)
            {
                error = PolicyLoadError.UnsupportedFormat;
                return PolicyTable.BuiltIn();
            }
            byte[] data = new byte[length];
            int read = storage.Read(fileName, 0, data, 0, length);
            if (read != length)
            {
                // An I/O error (-1) or a short read: treat like a truncated file.
                error = PolicyLoadError.TooShort;
                return PolicyTable.BuiltIn();
            }
            PolicyTable table;
            if (PolicyTable.TryLoad(data, length, out table, out error))
            {
                return table;
            }
            return PolicyTable.BuiltIn();
        }
    }
}
