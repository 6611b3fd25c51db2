using System.Net.NetworkInformation;
using nanoFramework.TestFramework;

namespace SensorNode.DeviceTests
{
    /// <summary>
    /// Bench check that a radio-free wake does not associate: nanoCLR starts the radio at every boot, before Main,
    /// whenever the stored station configuration has the Enable bit (shared research/device-truth-audit.md 6.2;
    /// AutoConnect = 4 | Enable). The firmware leaves the stored configuration at Disable before it sleeps.
    /// Procedure (docs/device-build.md, "Bench bring-up", step B4): let the application run at least one radio wake
    /// and go back to sleep, then deploy and run these tests; the test image does not touch the stored Wi-Fi
    /// configuration, so it reads what the application left. Confirm with the 3V3 current trace of a radio-free
    /// wake (no association burst before the boot marker rises).
    /// </summary>
    [TestClass]
    public class RadioOffAtBootTests
    {
        [TestMethod]
        public void StoredStationConfig_IsDisabledAfterTheApplicationSlept()
        {
            Wireless80211Configuration[] configs = Wireless80211Configuration.GetAllWireless80211Configurations();
            if (configs.Length == 0)
            {
                Assert.SkipTest("no stored Wi-Fi station configuration: run the application through a radio wake first");
            }

            for (int i = 0; i < configs.Length; i++)
            {
                Wireless80211Configuration.ConfigurationOptions options = configs[i].Options;
                string ssid = configs[i].Ssid;
                OutputHelper.WriteLine("station config " + i.ToString() + ": options 0x" + ((int)options).ToString("X2")
                    + ", ssid " + (ssid == null || ssid.Length == 0 ? "(none)" : "set"));
                // Enable alone (no SSID, e.g. the factory default AutoConnect | Enable | SmartConfig) still makes
                // nanoCLR start the radio at boot (esp_wifi_start) without associating: refused too.
                Assert.IsTrue((options & Wireless80211Configuration.ConfigurationOptions.Enable) == 0,
                    "station config " + i.ToString() + " is stored with Enable (options 0x" + ((int)options).ToString("X2")
                        + "): nanoCLR will start the radio at every boot, and associate when an SSID is stored");
                Assert.IsTrue((options & Wireless80211Configuration.ConfigurationOptions.Disable) != 0,
                    "station config " + i.ToString() + " should be stored as Disable (options 0x" + ((int)options).ToString("X2") + ")");
            }
        }
    }
}
