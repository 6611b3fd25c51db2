using SensorNode.Core.Config;
using SensorNode.Firmware;
using SensorNode.Firmware.Adapters;

namespace SensorNode.DeviceTests
{
    /// <summary>
    /// The bench board as the tests see it: the configuration deployed to I: (defaults when none), the flash,
    /// and I2C channels on the configured bus. Each test builds its own and disposes what it opens.
    /// </summary>
    internal sealed class BenchBoard
    {
        /// <summary>nf.config from the board, or the reference-design defaults.</summary>
        public readonly NodeConfig Config;

        /// <summary>The internal LittleFS drive.</summary>
        public readonly LittleFsStorage Storage;

        /// <summary>Conversion waits.</summary>
        public readonly ThreadDelay Delay;

        public BenchBoard()
        {
            Storage = new LittleFsStorage(BoardSetup.InternalDrive);
            Config = BoardSetup.LoadConfig(Storage);
            Delay = new ThreadDelay();
            BoardSetup.AssignI2cPins(Config);
        }

        /// <summary>Opens a 7-bit <paramref name="address"/> on the configured bus; the caller disposes it.</summary>
        public NanoI2cChannel OpenI2c(int address)
        {
            return new NanoI2cChannel(Config.I2cBusId, address);
        }

        /// <summary>"0x44" style, for assertion messages.</summary>
        public static string Hex(int address)
        {
            return "0x" + address.ToString("X2");
        }
    }
}
