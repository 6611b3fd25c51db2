namespace SensorNode.Core.Config
{
    /// <summary>Which ambient-light sensor the board carries.</summary>
    public enum LightSensorKind
    {
        /// <summary>TI OPT3001 (0x44-0x47), 0.01-83865 lx, ~1.8 uA active.</summary>
        Opt3001 = 0,
        /// <summary>ROHM BH1750 (0x23/0x5C), 1-65535 lx.</summary>
        Bh1750 = 1,
    }
}
