using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Firmware.Adapters;

namespace SensorNode.DeviceTests
{
    /// <summary>
    /// Bench step B2 (docs/device-build.md): puts the board into the deep sleep the application uses, on request,
    /// so the sleep current can be read with the PIR attached, timer only or with the PIR wake (ext0) armed.
    /// A test run cannot survive a deep sleep, so the request comes from a file: deploy I:\devtest-sleep.request
    /// containing "timer" or "ext0" (nanoff --filedeployment), then run the tests. This test deletes the request,
    /// arms the wake-up through the application's own Esp32SleepController and sleeps for 60 s (the run ends
    /// there; the test adapter reports the board lost). After the wake the test image starts again; this test
    /// then reports the wake cause (Ext0 if the PIR fired) and passes. Without a request it is skipped.
    /// </summary>
    [TestClass]
    public class SleepCurrentBenchTests
    {
        private const string RequestFileName = "devtest-sleep.request";
        private const string DoneFileName = "devtest-sleep.done";
        private const int SleepSeconds = 60;

        [TestMethod]
        public void DeepSleep_OnRequest_TimerOnlyOrExt0Armed()
        {
            BenchBoard board = new BenchBoard();
            Esp32SleepController sleep = new Esp32SleepController(board.Config.PirPin);

            string done = ConfigFile.ReadText(board.Storage, DoneFileName);
            if (done != null && done.Length > 0)
            {
                board.Storage.Delete(DoneFileName);
                OutputHelper.WriteLine("bench sleep '" + done + "' ended, wake cause " + ((int)sleep.GetWakeCause()).ToString());
                return;
            }

            string request = ConfigFile.ReadText(board.Storage, RequestFileName);
            if (request == null || request.Length == 0)
            {
                Assert.SkipTest("no " + RequestFileName + " on I: (deploy one containing 'timer' or 'ext0' to measure the sleep current)");
            }

            bool ext0 = request.IndexOf("ext0") >= 0;
            Assert.IsTrue(ext0 || request.IndexOf("timer") >= 0, RequestFileName + " must say 'timer' or 'ext0', got '" + request + "'");
            board.Storage.Delete(RequestFileName);
            byte[] mode = new byte[] { (byte)(ext0 ? 'e' : 't') };
            Assert.IsTrue(board.Storage.Write(DoneFileName, 0, mode, 0, mode.Length), "could not write " + DoneFileName);

            Assert.IsTrue(sleep.ArmTimerWakeup(SleepSeconds), "arming the timer wake-up failed");
            if (ext0)
            {
                Assert.IsTrue(sleep.ArmMotionWakeup(), "arming ext0 on pin " + board.Config.PirPin.ToString() + " failed (not an RTC GPIO?)");
            }

            OutputHelper.WriteLine("bench sleep: " + (ext0 ? "ext0 (PIR) + timer" : "timer only") + " for " + SleepSeconds.ToString()
                + " s; read the sleep current once it settles");
            sleep.EnterDeepSleep();
        }
    }
}
