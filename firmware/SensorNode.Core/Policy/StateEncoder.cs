using System;

namespace SensorNode.Core.Policy
{
    /// <summary>
    /// Puts a <see cref="PolicyObservation"/> into bins and numbers the bin combination as one state index
    /// 0..<see cref="StateCount"/>-1, the key of the <see cref="PolicyTable"/>. Pure, allocation-free.
    /// The bin edges are listed in docs/policy.md; change them only together with <see cref="LayoutId"/>,
    /// because a table trained for other edges means something else.
    /// </summary>
    public static class StateEncoder
    {
        /// <summary>Supercap voltage bins: critical, low, fair, good, high, full.</summary>
        public const int VoltageBins = 6;
        /// <summary>Light bins: dark, dim, office, bright.</summary>
        public const int LightBins = 4;
        /// <summary>Hour-of-day bins: night, morning, afternoon, evening.</summary>
        public const int HourBins = 4;
        /// <summary>Backlog bins: empty, some, many.</summary>
        public const int BacklogBins = 3;
        /// <summary>PIR event-rate bins: none, low, high.</summary>
        public const int EventRateBins = 3;
        /// <summary>Wake-cause bins: 0 other (timer, power-on, radio, or motion soon after motion), 1 arrival (motion after a quiet gap).</summary>
        public const int ArrivalBins = 2;
        /// <summary>Number of distinct states, 1728; also the number of entries of a policy table.</summary>
        public const int StateCount = VoltageBins * LightBins * HourBins * BacklogBins * EventRateBins * ArrivalBins;

        /// <summary>
        /// Identifies the bin edges and the index order. Stored in every serialized table; a table with
        /// another layout is rejected. Increment on any change to this class's bins. Layout 1 (864 states) had no
        /// wake-cause bin; layout 2 adds it as the least significant digit.
        /// </summary>
        public const int LayoutId = 2;

        /// <summary>
        /// Layout of the tables for nodes with the event RTC ([rtc] in nf.config): the same bins and index order as
        /// <see cref="LayoutId"/>, but the action's motion bit means "the next motion wakes the node" (the RTC's event
        /// interrupt) and its absence "motion is only counted and time-stamped by the RTC", where layout 2's absence
        /// means "motion is missed". A table for one meaning is wrong for the other, so each node accepts only its own.
        /// </summary>
        public const int RtcLayoutId = 3;

        // Voltage edges, percent of the brown-out..max range above brown-out (lower edge of bins 1-5).
        private const int VoltageLowPercent = 5;
        private const int VoltageFairPercent = 20;
        private const int VoltageGoodPercent = 40;
        private const int VoltageHighPercent = 65;
        private const int VoltageFullPercent = 90;

        // Light edges, 0.01 lx (lower edge of bins 1-3).
        private const int DimCentiLux = 1000;       // 10 lx
        private const int OfficeCentiLux = 10000;   // 100 lx
        private const int BrightCentiLux = 50000;   // 500 lx

        // Harvest-power stand-ins for the light edges when the light read failed, uW.
        // Calibrated for the reference indoor panel (roughly 0.5 uW per lx).
        private const int DimMicrowatts = 5;
        private const int OfficeMicrowatts = 50;
        private const int BrightMicrowatts = 250;

        // Backlog and event-rate edges (lower edge of bins 1 and 2).
        private const int BacklogSomeReadings = 1;
        /// <summary>
        /// Backlog, readings, from which the log counts as "many" (bin 2). The fixed-interval baselines transmit from
        /// here too, so their table form and their host form decide alike.
        /// </summary>
        public const int BacklogManyReadings = 16;
        private const int EventsLowMilliPerHour = 500;    // 0.5 events/h
        private const int EventsHighMilliPerHour = 5000;  // 5 events/h

        /// <summary>
        /// The state index of <paramref name="observation"/>, 0..<see cref="StateCount"/>-1. The brown-out and
        /// max voltages (mV) come from the configuration; throws <see cref="ArgumentException"/> when
        /// <paramref name="maxMillivolts"/> is not above <paramref name="brownoutMillivolts"/>.
        /// </summary>
        public static int Encode(PolicyObservation observation, int brownoutMillivolts, int maxMillivolts)
        {
            return Compose(
                VoltageBin(observation.SupercapMillivolts, brownoutMillivolts, maxMillivolts),
                LightBin(observation.IlluminanceCentiLux, observation.HarvestMicrowatts),
                HourBin(observation.HourOfDay),
                BacklogBin(observation.BacklogReadings),
                EventRateBin(observation.EventRateMilliPerHour),
                ArrivalBin(observation.ArrivalWake));
        }

        /// <summary>
        /// The state index of a bin combination, voltage most significant, wake cause least:
        /// (((((v * 4 + light) * 4 + hour) * 3 + backlog) * 3 + events) * 2 + arrival). Throws
        /// <see cref="ArgumentOutOfRangeException"/> when a bin is outside its range.
        /// </summary>
        public static int Compose(int voltageBin, int lightBin, int hourBin, int backlogBin, int eventRateBin, int arrivalBin)
        {
            CheckBin(voltageBin, VoltageBins, "voltageBin");
            CheckBin(lightBin, LightBins, "lightBin");
            CheckBin(hourBin, HourBins, "hourBin");
            CheckBin(backlogBin, BacklogBins, "backlogBin");
            CheckBin(eventRateBin, EventRateBins, "eventRateBin");
            CheckBin(arrivalBin, ArrivalBins, "arrivalBin");
            return ((((voltageBin * LightBins + lightBin) * HourBins + hourBin) * BacklogBins + backlogBin) * EventRateBins + eventRateBin) * ArrivalBins + arrivalBin;
        }

        /// <summary>The voltage bin of a state index (the most significant digit of <see cref="Compose"/>).</summary>
        public static int VoltageBinOf(int stateIndex)
        {
            return stateIndex / (StateCount / VoltageBins);
        }

        /// <summary>The wake-cause bin of a state index (the least significant digit of <see cref="Compose"/>).</summary>
        public static int ArrivalBinOf(int stateIndex)
        {
            return stateIndex % ArrivalBins;
        }

        /// <summary>
        /// Supercap voltage bin 0-5 by the fraction f of the brown-out..max range above brown-out:
        /// 0 critical f &lt; 5 % (also at or below brown-out), 1 low 5-20 %, 2 fair 20-40 %, 3 good 40-65 %,
        /// 4 high 65-90 %, 5 full f &gt;= 90 % (also above max). Lower edges are inclusive. Voltages in mV;
        /// throws <see cref="ArgumentException"/> when <paramref name="maxMillivolts"/> &lt;= <paramref name="brownoutMillivolts"/>.
        /// </summary>
        public static int VoltageBin(int supercapMillivolts, int brownoutMillivolts, int maxMillivolts)
        {
            if (maxMillivolts <= brownoutMillivolts)
            {
                throw new ArgumentException("maxMillivolts must be above brownoutMillivolts.");
            }
            // Compare percent * range against 100 * (v - brownout) in long: no rounding, no overflow.
            long above = 100L * ((long)supercapMillivolts - brownoutMillivolts);
            long range = (long)maxMillivolts - brownoutMillivolts;
            if (above < VoltageLowPercent * range)
            {
                return 0;
            }
            if (above < VoltageFairPercent * range)
            {
                return 1;
            }
            if (above < VoltageGoodPercent * range)
            {
                return 2;
            }
            if (above < VoltageHighPercent * range)
            {
                return 3;
            }
            return above < VoltageFullPercent * range ? 4 : 5;
        }

        /// <summary>
        /// Light bin 0-3: 0 dark &lt; 10 lx, 1 dim 10-100 lx, 2 office 100-500 lx, 3 bright &gt;= 500 lx
        /// (<paramref name="illuminanceCentiLux"/> in 0.01 lx). When the illuminance is negative (the light read
        /// failed) the harvested power decides instead, uW: dark &lt; 5, dim 5-50, office 50-250, bright &gt;= 250;
        /// a negative harvest counts as dark.
        /// </summary>
        public static int LightBin(int illuminanceCentiLux, int harvestMicrowatts)
        {
            if (illuminanceCentiLux >= 0)
            {
                return illuminanceCentiLux < DimCentiLux ? 0
                    : illuminanceCentiLux < OfficeCentiLux ? 1
                    : illuminanceCentiLux < BrightCentiLux ? 2
                    : 3;
            }
            return harvestMicrowatts < DimMicrowatts ? 0
                : harvestMicrowatts < OfficeMicrowatts ? 1
                : harvestMicrowatts < BrightMicrowatts ? 2
                : 3;
        }

        /// <summary>
        /// Hour bin 0-3 from the local hour: 0 night 0-5 h, 1 morning 6-11 h, 2 afternoon 12-17 h,
        /// 3 evening 18-23 h. An unknown hour (negative, or above 23) is night: the conservative guess,
        /// no harvest ahead.
        /// </summary>
        public static int HourBin(int hourOfDay)
        {
            if (hourOfDay < 0 || hourOfDay > 23)
            {
                return 0;
            }
            return hourOfDay / 6;
        }

        /// <summary>Backlog bin 0-2: 0 empty (0 readings, also negative), 1 some (1-15), 2 many (16 and more).</summary>
        public static int BacklogBin(int backlogReadings)
        {
            return backlogReadings < BacklogSomeReadings ? 0 : (backlogReadings < BacklogManyReadings ? 1 : 2);
        }

        /// <summary>
        /// Event-rate bin 0-2 from the smoothed PIR rate in events per 1000 h: 0 none &lt; 0.5/h (&lt; 500),
        /// 1 low 0.5-5/h (500-4999), 2 high &gt;= 5/h (5000 and more).
        /// </summary>
        public static int EventRateBin(int eventRateMilliPerHour)
        {
            return eventRateMilliPerHour < EventsLowMilliPerHour ? 0 : (eventRateMilliPerHour < EventsHighMilliPerHour ? 1 : 2);
        }

        /// <summary>
        /// Wake-cause bin 0-1: 1 arrival when this wake saw motion at least [service] arrival_gap_minutes after the
        /// previous motion the node saw (or the first motion it knows of), the moment a building wants to hear about;
        /// 0 otherwise.
        /// </summary>
        public static int ArrivalBin(bool arrivalWake)
        {
            return arrivalWake ? 1 : 0;
        }

        private static void CheckBin(int bin, int count, string name)
        {
            if (bin < 0 || bin >= count)
            {
                throw new ArgumentOutOfRangeException(name, "Bin outside 0..count-1.");
            }
        }
    }
}
