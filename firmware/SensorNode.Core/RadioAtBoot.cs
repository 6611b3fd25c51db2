using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core
{
    /// <summary>
    /// The one rule about nanoCLR's stored Wi-Fi station configuration: before every deep sleep it is left enabled
    /// exactly when the next boot is planned as a radio wake, and disabled otherwise. It is written only when it
    /// differs from what is stored, so a radio-free wake after a radio-free wake writes nothing. Every path to sleep
    /// (<see cref="SleepPlan.Enter"/>) goes through here, including the failure paths.
    /// </summary>
    public static class RadioAtBoot
    {
        /// <summary>
        /// Makes the stored configuration enabled (<paramref name="enableForNextBoot"/>) or disabled. Returns the
        /// number of flash writes done (0 or 1). Never throws: a store that cannot even be read is disabled
        /// (a radio started at boot by mistake costs a whole transmission's energy; a missed radio wake costs nothing
        /// but a delay), and a failure to enable leaves the next wake radio-free.
        /// </summary>
        public static int Apply(IRadioConfigStore store, bool enableForNextBoot)
        {
            if (store == null)
            {
                return 0;
            }

            bool stored;
            try
            {
                stored = store.IsStoredEnabled();
            }
            catch (Exception)
            {
                // Unknown state: make sure it is off, whatever was asked.
                return TryWrite(store, false);
            }

            if (stored == enableForNextBoot)
            {
                return 0;
            }

            return TryWrite(store, enableForNextBoot);
        }

        private static int TryWrite(IRadioConfigStore store, bool enable)
        {
            try
            {
                if (enable)
                {
                    store.Enable();
                }
                else
                {
                    store.Disable();
                }
            }
            catch (Exception)
            {
                // Counted as a write attempt all the same: the flash may have been touched.
            }

            return 1;
        }
    }
}
