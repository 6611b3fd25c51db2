using SensorNode.Core.Hardware;

namespace SensorNode.Core.Config
{
    /// <summary>Reads a configuration file from the node's storage as text.</summary>
    public static class ConfigFile
    {
        /// <summary>Largest file read, bytes; a longer one is treated as unreadable (a full nf.config is a few KB).</summary>
        public const int MaxBytes = 32768;

        /// <summary>
        /// The whole named file as text, decoded byte by byte: ASCII bytes become their characters, a leading UTF-8
        /// byte-order mark is skipped, and any other byte (multi-byte UTF-8 is not supported) becomes U+FFFD, which
        /// the parser reports as non-ASCII. Returns null when the file is absent, empty, longer than 32768 bytes,
        /// or a read fails.
        /// </summary>
        /// <param name="storage">The node's storage.</param>
        /// <param name="name">File name, e.g. "nf.config".</param>
        public static string ReadText(IPersistentStorage storage, string name)
        {
            if (storage == null || name == null)
            {
                return null;
            }

            int length = storage.GetLength(name);
            if (length <= 0 || length > MaxBytes)
            {
                return null;
            }

            byte[] bytes = new byte[length];
            int done = 0;
            while (done < length)
            {
                int read = storage.Read(name, done, bytes, done, length - done);
                if (read <= 0)
                {
                    return null;
                }

                done += read;
            }

            return Decode(bytes);
        }

        private static string Decode(byte[] bytes)
        {
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            char[] chars = new char[bytes.Length - start];
            for (int i = start; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                chars[i - start] = b < 0x80 ? (char)b : '\uFFFD';
            }

            return new string(chars);
        }
    }
}
