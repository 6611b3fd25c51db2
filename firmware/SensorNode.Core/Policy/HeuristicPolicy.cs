using System;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Policy
{
    /// <summary>
    /// The hand-written rule (version <see cref="Version"/>): spend energy on sampling, motion and radio only as
    /// the supercap allows, and batch transmissions. The built-in table is the trained one (TrainedPolicyTable);
    /// this rule is its fallback when those bytes fail their CRC and the trainer's starting point (docs/policy.md).
    /// </summary>
    public static class HeuristicPolicy
    {
        /// <summary>Table version of the built-in table made from this rule.</summary>
        public const uint Version = 2;

        // Bin numbers, as StateEncoder defines them.
        private const int VoltageCritical = 0;
        private const int VoltageFair = 2;
        private const int VoltageGood = 3;
        private const int VoltageHigh = 4;
        private const int VoltageFull = 5;
        private const int LightDark = 0;
        private const int LightOffice = 2;
        private const int LightBright = 3;
        private const int HourNight = 0;
        private const int BacklogSome = 1;
        private const int BacklogMany = 2;
        private const int EventsLow = 1;
        private const int EventsHigh = 2;

        private const int LongestInterval = PolicyTable.WakeIntervalCount - 1;

        /// <summary>
        /// The action for one bin combination (bin ranges as in <see cref="StateEncoder"/>; throws
        /// <see cref="ArgumentOutOfRangeException"/> outside them).
        /// </summary>
        public static PolicyAction Decide(int voltageBin, int lightBin, int hourBin, int backlogBin, int eventRateBin)
        {
            // Validates every bin.
            StateEncoder.Compose(voltageBin, lightBin, hourBin, backlogBin, eventRateBin, 0);

            PolicyAction action = new PolicyAction();
            if (voltageBin == VoltageCritical)
            {
                // Only recovery matters: sleep longest, no PIR wakes, no radio.
                action.WakeIntervalIndex = LongestInterval;
                return action;
            }

            // Base interval from the charge: low 900 s ... full 60 s with the default interval set.
            int interval = LongestInterval - voltageBin;
            if (lightBin == LightDark && voltageBin <= VoltageGood)
            {
                interval++;   // nothing coming in: stretch the charge
            }
            if (hourBin == HourNight && voltageBin <= VoltageFair)
            {
                interval++;   // a long dark stretch ahead
            }
            if (lightBin == LightBright && voltageBin >= VoltageGood)
            {
                interval--;   // surplus arriving
            }
            if (eventRateBin == EventsHigh && voltageBin >= VoltageGood)
            {
                interval--;   // something is going on: sample it
            }
            action.WakeIntervalIndex = IntMath.Clamp(interval, 0, LongestInterval);

            // Every PIR trigger is a full boot: arm it when there is charge to spare, or activity worth catching.
            action.MotionWakeArmed = voltageBin >= VoltageGood
                || (voltageBin == VoltageFair && (eventRateBin >= EventsLow || (hourBin != HourNight && lightBin >= LightOffice)));

            // One connect costs about as much as dozens of wakes: batch, unless energy would be clamped anyway.
            action.Transmit =
                (backlogBin == BacklogMany && voltageBin >= VoltageFair && hourBin != HourNight)
                || (backlogBin == BacklogSome
                    && (voltageBin == VoltageFull
                        || (voltageBin == VoltageHigh && lightBin >= LightOffice)
                        || (voltageBin >= VoltageGood && eventRateBin == EventsHigh)));
            return action;
        }

        /// <summary>
        /// One action code (<see cref="PolicyTable.EncodeAction"/>) per state index, 0..<see cref="StateEncoder.StateCount"/>-1:
        /// the data of the built-in table. Allocates one array.
        /// </summary>
        public static byte[] BuildActionCodes()
        {
            byte[] codes = new byte[StateEncoder.StateCount];
            for (int v = 0; v < StateEncoder.VoltageBins; v++)
            {
                for (int l = 0; l < StateEncoder.LightBins; l++)
                {
                    for (int h = 0; h < StateEncoder.HourBins; h++)
                    {
                        for (int b = 0; b < StateEncoder.BacklogBins; b++)
                        {
                            for (int e = 0; e < StateEncoder.EventRateBins; e++)
                            {
                                // The heuristic predates the wake-cause bin: the same action for both causes.
                                byte code = PolicyTable.EncodeAction(Decide(v, l, h, b, e));
                                for (int a = 0; a < StateEncoder.ArrivalBins; a++)
                                {
                                    codes[StateEncoder.Compose(v, l, h, b, e, a)] = code;
                                }
                            }
                        }
                    }
                }
            }
            return codes;
        }
    }
}
