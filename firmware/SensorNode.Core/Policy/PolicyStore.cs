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
            return LoadOrBuiltInFor(storage, fileName, StateEncoder.LayoutId, out error);
        }

        /// <summary>
        /// As <see cref="LoadOrBuiltIn"/> for a node whose tables have
        /// layout <paramref name="layoutId"/> (3 with the event RTC): the fallback is <see cref="PolicyTable.BuiltInFor"/>
        /// of that layout, and a file of the other layout is <see cref="PolicyLoadError.LayoutMismatch"/>.
        /// </summary>
        public static PolicyTable LoadOrBuiltInFor(IPersistentStorage storage, string fileName, int layoutId, out PolicyLoadError error)
        {
            error = PolicyLoadError.None;
            int length = storage.GetLength(fileName);
            if (length <= 0)
            {
                return PolicyTable.BuiltInFor(layoutId);
            }
            if (length > MaxFileBytes)
            {
                error = PolicyLoadError.UnsupportedFormat;
                return PolicyTable.BuiltInFor(layoutId);
            }
            byte[] data = new byte[length];
            int read = storage.Read(fileName, 0, data, 0, length);
            if (read != length)
            {
                // An I/O error (-1) or a short read: treat like a truncated file.
                error = PolicyLoadError.TooShort;
                return PolicyTable.BuiltInFor(layoutId);
            }
            PolicyTable table;
            if (PolicyTable.TryLoadFor(data, length, layoutId, out table, out error))
            {
                return table;
            }
            return PolicyTable.BuiltInFor(layoutId);
        }
    }
}
