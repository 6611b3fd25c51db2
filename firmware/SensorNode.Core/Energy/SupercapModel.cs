using System;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Energy
{
    /// <summary>
    /// The storage supercapacitor: E = C V^2 / 2, and the part of it the node can use, between the
    /// regulator's brown-out voltage and the harvester's clamp. Integer arithmetic: E[uJ] = C[mF] * V[mV]^2 / 2000.
    /// </summary>
    public sealed class SupercapModel
    {
        /// <summary>Capacitance, mF (1 to 100000).</summary>
        public int CapacitanceMillifarads { get; private set; }
        /// <summary>Equivalent series resistance, milliohm (0 to 100000).</summary>
        public int EsrMilliohms { get; private set; }
        /// <summary>Below this the node browns out, mV.</summary>
        public int BrownoutMillivolts { get; private set; }
        /// <summary>The harvester's clamp, mV.</summary>
        public int MaxMillivolts { get; private set; }

        /// <summary>Throws <see cref="ArgumentException"/> naming the valid range when a value is out of it.</summary>
        public SupercapModel(int capacitanceMillifarads, int esrMilliohms, int brownoutMillivolts, int maxMillivolts)
        {
            if (capacitanceMillifarads < 1 || capacitanceMillifarads > 100000)
            {
                throw new ArgumentException("capacitance must be 1..100000 mF");
            }
            if (esrMilliohms < 0 || esrMilliohms > 100000)
            {
                throw new ArgumentException("ESR must be 0..100000 milliohm");
            }
            if (brownoutMillivolts < 1 || maxMillivolts > 20000 || brownoutMillivolts >= maxMillivolts)
            {
                throw new ArgumentException("need 0 < brownout < max <= 20000 mV");
            }
            CapacitanceMillifarads = capacitanceMillifarads;
            EsrMilliohms = esrMilliohms;
            BrownoutMillivolts = brownoutMillivolts;
            MaxMillivolts = maxMillivolts;
        }

        /// <summary>Energy stored at <paramref name="millivolts"/>, uJ (C V^2 / 2; 0 for V &lt;= 0).</summary>
        public long StoredMicrojoules(int millivolts)
        {
            if (millivolts <= 0)
            {
                return 0;
            }
            long mv = millivolts;
            return CapacitanceMillifarads * mv * mv / 2000;
        }

        /// <summary>Energy the node can draw before browning out, uJ (0 at or below brown-out).</summary>
        public long UsableMicrojoules(int millivolts)
        {
            long usable = StoredMicrojoules(millivolts) - StoredMicrojoules(BrownoutMillivolts);
            return usable > 0 ? usable : 0;
        }

        /// <summary>Usable energy of a full supercap (brown-out to max), uJ.</summary>
        public long CapacityMicrojoules
        {
            get { return StoredMicrojoules(MaxMillivolts) - StoredMicrojoules(BrownoutMillivolts); }
        }

        /// <summary>Voltage after drawing <paramref name="microjoules"/> from <paramref name="millivolts"/>, mV (0 when more than is stored).</summary>
        public int MillivoltsAfter(int millivolts, long microjoules)
        {
            long remaining = StoredMicrojoules(millivolts) - microjoules;
            if (remaining <= 0)
            {
                return 0;
            }
            return (int)IntMath.Isqrt(remaining * 2000 / CapacitanceMillifarads);
        }

        /// <summary>Voltage holding <paramref name="microjoules"/>, mV (inverse of <see cref="StoredMicrojoules"/>).</summary>
        public int MillivoltsFor(long microjoules)
        {
            return microjoules <= 0 ? 0 : (int)IntMath.Isqrt(microjoules * 2000 / CapacitanceMillifarads);
        }

        /// <summary>Drop across the ESR at <paramref name="milliamps"/>, mV (I * ESR).</summary>
        public int EsrDropMillivolts(int milliamps)
        {
            return (int)(((long)milliamps * EsrMilliohms + 999) / 1000);
        }
    }
}
