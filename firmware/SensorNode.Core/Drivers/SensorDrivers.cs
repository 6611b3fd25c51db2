using SensorNode.Core.Config;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// The one place where configuration picks a driver for each sensor slot. Adding an alternative part for a slot
    /// means a driver implementing the slot's interface and one case here (docs/adding-a-sensor.md).
    /// </summary>
    public static class SensorDrivers
    {
        /// <summary>The climate sensor <paramref name="kind"/> over <paramref name="channel"/>, at its best precision.</summary>
        public static IClimateSensor Climate(ClimateSensorKind kind, II2cChannel channel)
        {
            if (kind == ClimateSensorKind.Sht4x)
            {
                return new Sht4xSensor(channel, Sht4xPrecision.High);
            }
            return new Sht3xSensor(channel, Sht3xRepeatability.High);
        }

        /// <summary>The light sensor <paramref name="kind"/> over <paramref name="channel"/>.</summary>
        public static ILightSensor Light(LightSensorKind kind, II2cChannel channel)
        {
            if (kind == LightSensorKind.Bh1750)
            {
                return new Bh1750Sensor(channel);
            }
            return new Opt3001Sensor(channel);
        }
    }
}
