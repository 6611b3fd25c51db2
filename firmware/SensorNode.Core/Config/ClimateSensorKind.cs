namespace SensorNode.Core.Config
{
    /// <summary>Which temperature and humidity sensor the board carries.</summary>
    public enum ClimateSensorKind
    {
        /// <summary>Sensirion SHT30/31/35-DIS (0x44/0x45), the reference design's part.</summary>
        Sht3x = 0,
        /// <summary>Sensirion SHT40/41/45 (0x44, 0x45 or 0x46 by part number): smaller, 0.4 uA average at 1 Hz.</summary>
        Sht4x = 1,
    }
}
