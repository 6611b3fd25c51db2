using System;

namespace SensorNode.Core.Energy
{
    /// <summary>
    /// Refuses to start Wi-Fi unless the supercap stays above brown-out for the whole transmission: after
    /// spending the transmit budget, with the radio's peak current drawn through the ESR. A brown-out in
    /// the middle of a publish costs the energy, the data in flight and a reboot, so this errs on the safe side.
    /// </summary>
    public sealed class BrownoutGuard
    {
        private readonly SupercapModel _supercap;
        private readonly int _radioPeakMilliamps;
        private readonly long _transmitBudgetMicrojoules;

        /// <summary>Throws <see cref="ArgumentException"/> when the peak current (1..2000 mA) or budget (1..100000 mJ) is out of range.</summary>
        public BrownoutGuard(SupercapModel supercap, int radioPeakMilliamps, int transmitBudgetMillijoules)
        {
            if (radioPeakMilliamps < 1 || radioPeakMilliamps > 2000)
            {
                throw new ArgumentException("radio peak current must be 1..2000 mA");
            }
            if (transmitBudgetMillijoules < 1 || transmitBudgetMillijoules > 100000)
            {
                throw new ArgumentException("transmit budget must be 1..100000 mJ");
            }
            _supercap = supercap;
            _radioPeakMilliamps = radioPeakMilliamps;
            _transmitBudgetMicrojoules = transmitBudgetMillijoules * 1000L;
        }

        /// <summary>Lowest supercap voltage at which a transmission is allowed, mV.</summary>
        public int MinimumStartMillivolts
        {
            get
            {
                // Lowest V whose post-budget voltage, minus the ESR drop at peak current, is still above brown-out.
                int floorMillivolts = _supercap.BrownoutMillivolts + _supercap.EsrDropMillivolts(_radioPeakMilliamps);
                long needed = _supercap.StoredMicrojoules(floorMillivolts) + _transmitBudgetMicrojoules;
                return _supercap.MillivoltsFor(needed) + 1;
            }
        }

        /// <summary>True when a transmission starting at <paramref name="supercapMillivolts"/> cannot brown the node out.</summary>
        public bool AllowsRadio(int supercapMillivolts)
        {
            int afterMillivolts = _supercap.MillivoltsAfter(supercapMillivolts, _transmitBudgetMicrojoules);
            return afterMillivolts - _supercap.EsrDropMillivolts(_radioPeakMilliamps) > _supercap.BrownoutMillivolts;
        }
    }
}
