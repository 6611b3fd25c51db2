using System.Device.Adc;
using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Core.Drivers;
using SensorNode.Firmware.Adapters;

namespace SensorNode.DeviceTests
{
    /// <summary>
    /// Bench bring-up: the supercap divider is on the configured ADC1 channel and the calibration in nf.config
    /// turns it into a voltage the board can actually be running at. Run it with the board powered from the
    /// supercap (or the cap charged): on USB power alone the cap may legitimately sit below brown-out.
    /// </summary>
    [TestClass]
    public class SupercapBringUpTests
    {
        // Residual error of the ESP32 ADC after the two-point calibration.
        private const int AdcToleranceMillivolts = 100;

        [TestMethod]
        public void Supercap_ReadsBetweenBrownoutAndMaximum()
        {
            NodeConfig config = new BenchBoard().Config;
            using (NanoAdcChannel adc = new NanoAdcChannel(new AdcController(), config.SupercapAdcChannel))
            {
                SupercapMonitor monitor = new SupercapMonitor(adc, config.DividerRatioMilli,
                    config.CalibrationLowRaw, config.CalibrationLowMillivolts,
                    config.CalibrationHighRaw, config.CalibrationHighMillivolts, config.AdcSamples);

                int millivolts;
                Assert.IsTrue(monitor.TryReadMillivolts(out millivolts),
                    "ADC channel " + config.SupercapAdcChannel.ToString() + " failed or saturated");
                OutputHelper.WriteLine("supercap: " + millivolts.ToString() + " mV");
                Assert.IsTrue(millivolts >= config.BrownoutMillivolts - AdcToleranceMillivolts
                        && millivolts <= config.MaxMillivolts + AdcToleranceMillivolts,
                    millivolts.ToString() + " mV is outside brown-out " + config.BrownoutMillivolts.ToString()
                        + " .. max " + config.MaxMillivolts.ToString() + " mV");
            }
        }
    }
}
