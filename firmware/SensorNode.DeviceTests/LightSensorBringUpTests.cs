using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Core.Drivers;
using SensorNode.Firmware.Adapters;

namespace SensorNode.DeviceTests
{
    /// <summary>Bench bring-up: the configured light sensor (OPT3001 or BH1750) answers and measures.</summary>
    [TestClass]
    public class LightSensorBringUpTests
    {
        // OPT3001 register 0x7E, datasheet section 7.6.1.4.
        private const int Opt3001ManufacturerId = 0x5449;

        // OPT3001 full scale (83865.6 lx); the BH1750's 54612 lx lies below it.
        private const int MaxCentiLux = 8386560;

        [TestMethod]
        public void LightSensor_Opt3001_ReportsTexasInstrumentsId()
        {
            BenchBoard board = new BenchBoard();
            if (board.Config.LightSensor != LightSensorKind.Opt3001)
            {
                Assert.SkipTest("the BH1750 has no identity register; LightSensor_ReturnsIlluminanceInRange covers it");
                return;
            }

            int address = board.Config.LightAddress;
            using (NanoI2cChannel channel = board.OpenI2c(address))
            {
                int id;
                Assert.IsTrue(new Opt3001Sensor(channel).TryReadManufacturerId(out id),
                    "OPT3001 at " + BenchBoard.Hex(address) + " did not answer");
                Assert.AreEqual(Opt3001ManufacturerId, id, "manufacturer id register 0x7E");
            }
        }

        [TestMethod]
        public void LightSensor_ReturnsIlluminanceInRange()
        {
            BenchBoard board = new BenchBoard();
            int address = board.Config.LightAddress;
            using (NanoI2cChannel channel = board.OpenI2c(address))
            {
                ILightSensor sensor = board.Config.LightSensor == LightSensorKind.Opt3001
                    ? (ILightSensor)new Opt3001Sensor(channel)
                    : new Bh1750Sensor(channel);
                board.Delay.DelayMilliseconds(sensor.StartMeasurement());

                int centiLux;
                Assert.IsTrue(sensor.TryReadIlluminance(out centiLux),
                    "light sensor at " + BenchBoard.Hex(address) + " did not answer");
                OutputHelper.WriteLine("light: " + centiLux.ToString() + " clx");
                Assert.IsTrue(centiLux >= 0 && centiLux <= MaxCentiLux,
                    "illuminance " + centiLux.ToString() + " clx is outside the sensor's range");
            }
        }
    }
}
