using SensorNode.Core.Energy;
using SensorNode.Core.Hardware;

namespace SensorNode.Core
{
    /// <summary>
    /// After a power-on or EN reset the node stays awake for [wake] maintenance_window_seconds before its first
    /// sleep, so nanoff can reach nanoCLR over the wire protocol (file deployment, --nanodevice): a sleeping node
    /// has no UART (docs/recovery.md). A power-on is also what follows a brown-out, with the supercap just
    /// recharged, so the window is opened only when the brown-out guard would still allow a transmission with the
    /// window's energy spent: it can never be what browns the node out again.
    /// </summary>
    public static class MaintenanceWindow
    {
        /// <summary>Longest window the configuration accepts, s.</summary>
        public const int MaxSeconds = 600;

        /// <summary>
        /// Seconds to stay awake now: 0 unless <paramref name="cause"/> is <see cref="WakeCause.PowerOn"/> or
        /// <see cref="WakeCause.Other"/> and <paramref name="configuredSeconds"/> is above 0.
        /// <paramref name="skippedForEnergy"/> is true when a window was due but the supercap (read as
        /// <paramref name="supercapMillivolts"/>, or unreadable) cannot pay for it.
        /// <paramref name="activeMilliamps"/> is the board current while awake, mA: the active current, or the radio's when
        /// nanoCLR started the radio at this boot (it runs through the window).
        /// </summary>
        public static int Seconds(WakeCause cause, int configuredSeconds, bool supercapOk, int supercapMillivolts,
            SupercapModel supercap, BrownoutGuard guard, int activeMilliamps, out bool skippedForEnergy)
        {
            skippedForEnergy = false;
            if (configuredSeconds <= 0 || (cause != WakeCause.PowerOn && cause != WakeCause.Other))
            {
                return 0;
            }

            if (!supercapOk || !Affordable(configuredSeconds, supercapMillivolts, supercap, guard, activeMilliamps))
            {
                skippedForEnergy = true;
                return 0;
            }

            return configuredSeconds;
        }

        /// <summary>True when <paramref name="seconds"/> awake at <paramref name="activeMilliamps"/> leave the supercap where the guard still allows the radio.</summary>
        public static bool Affordable(int seconds, int supercapMillivolts, SupercapModel supercap, BrownoutGuard guard, int activeMilliamps)
        {
            long costMicrojoules = WakeEnergy.Microjoules(supercapMillivolts, seconds * 1000L, 0, activeMilliamps, activeMilliamps);
            int afterMillivolts = supercap.MillivoltsAfter(supercapMillivolts, costMicrojoules);
            return guard.AllowsRadio(afterMillivolts);
        }
    }
}
