using System.IO;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>
    /// Named files on the ESP32's internal LittleFS partition (drive I:, mounted by nanoCLR at boot) through
    /// System.IO.FileStream. Every write is flushed before the file is closed; an I/O fault returns false/-1.
    /// </summary>
    public sealed class LittleFsStorage : IPersistentStorage
    {
        private const byte ErasedByte = 0xFF;
        private const int FillChunkBytes = 64;

        private readonly string _driveRoot;

        /// <summary>Stores files under <paramref name="driveRoot"/>, e.g. "I:\\".</summary>
        public LittleFsStorage(string driveRoot)
        {
            _driveRoot = driveRoot;
        }

        /// <inheritdoc />
        public int GetLength(string name)
        {
            string path = _driveRoot + name;
            try
            {
                if (!File.Exists(path))
                {
                    return 0;
                }

                using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    return (int)file.Length;
                }
            }
            catch (IOException)
            {
                // The interface has no error value here; an unreadable file looks empty and Read() reports the fault.
                return 0;
            }
        }

        /// <inheritdoc />
        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            string path = _driveRoot + name;
            try
            {
                if (!File.Exists(path))
                {
                    return 0;
                }

                using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long available = file.Length - position;
                    if (available <= 0 || count <= 0)
                    {
                        return 0;
                    }

                    int wanted = available < count ? (int)available : count;
                    file.Seek(position, SeekOrigin.Begin);
                    int total = 0;
                    while (total < wanted)
                    {
                        int read = file.Read(buffer, offset + total, wanted - total);
                        if (read <= 0)
                        {
                            break;
                        }

                        total += read;
                    }

                    return total;
                }
            }
            catch (IOException)
            {
                return -1;
            }
        }

        /// <inheritdoc />
        public bool Write(string name, int position, byte[] data, int offset, int count)
        {
            try
            {
                using (FileStream file = new FileStream(_driveRoot + name, FileMode.OpenOrCreate, FileAccess.ReadWrite))
                {
                    long length = file.Length;
                    if (position > length)
                    {
                        file.Seek(0, SeekOrigin.End);
                        FillErased(file, position - length);
                    }
                    else
                    {
                        file.Seek(position, SeekOrigin.Begin);
                    }

                    file.Write(data, offset, count);
                    file.Flush();
                }

                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public bool Delete(string name)
        {
            try
            {
                // File.Delete is a no-op for a missing file.
                File.Delete(_driveRoot + name);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        // nanoFramework's FileStream refuses to seek past the end, so a gap is written out as erased flash.
        private static void FillErased(FileStream file, long gapBytes)
        {
            byte[] fill = new byte[gapBytes < FillChunkBytes ? (int)gapBytes : FillChunkBytes];
            for (int i = 0; i < fill.Length; i++)
            {
                fill[i] = ErasedByte;
            }

            while (gapBytes > 0)
            {
                int chunk = gapBytes < fill.Length ? (int)gapBytes : fill.Length;
                file.Write(fill, 0, chunk);
                gapBytes -= chunk;
            }
        }
    }
}
