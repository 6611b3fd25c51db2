using nanoFramework.TestFramework;
using SensorNode.Core.Drivers;
using SensorNode.Firmware.Adapters;

namespace SensorNode.DeviceTests
{
    /// <summary>Bench bring-up: the climate sensor (SHT3x or SHT4x, as configured) is wired, addressed as configured and measuring.</summary>
    [TestClass]
    public class ClimateSensorBringUpTests
    {
        // A bench is indoors: anything outside -10..50 degC means a bad conversion, not weather.
        private const int MinBenchCentiCelsius = -1000;
        private const int MaxBenchCentiCelsius = 5000;
        private const int MaxCentiPercent = 10000;

        [TestMethod]
        public void ClimateSensor_AnswersWithValidCrc_AndPlausibleReading()
        {
            BenchBoard board = new BenchBoard();
            int address = board.Config.ClimateAddress;
            using (NanoI2cChannel channel = board.OpenI2c(address))
            {
                IClimateSensor sensor = SensorDrivers.Climate(board.Config.ClimateSensor, channel);
                board.Delay.DelayMilliseconds(sensor.StartMeasurement());

                // TryReadMeasurement is false on a NACK and on a CRC-8 mismatch in either word.
                ClimateSample sample;
                Assert.IsTrue(sensor.TryReadMeasurement(out sample),
                    sensor.Describe() + " at " + BenchBoard.Hex(address) + " did not answer, or a CRC check failed");

                OutputHelper.WriteLine("climate: " + sample.TemperatureCentiCelsius.ToString() + " cdegC, "
                    + sample.HumidityCentiPercent.ToString() + " c%RH");
                Assert.IsTrue(sample.TemperatureCentiCelsius >= MinBenchCentiCelsius && sample.TemperatureCentiCelsius <= MaxBenchCentiCelsius,
                    "temperature " + sample.TemperatureCentiCelsius.ToString() + " cdegC is outside -10..50 degC");
                Assert.IsTrue(sample.HumidityCentiPercent >= 0 && sample.HumidityCentiPercent <= MaxCentiPercent,
                    "humidity " + sample.HumidityCentiPercent.ToString() + " c%RH is outside 0..100 %RH");
            }
        }
    }
}
