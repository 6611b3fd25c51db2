using SensorNode.Core.Energy;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// How many chunks one wake may fetch (docs/updates.md): none below the safe supercap level (<see cref="SafeMillivolts"/>:
    /// the brown-out guard's radio floor plus the energy of <see cref="MinChunksPerWake"/> chunks); otherwise as many as
    /// the per-wake budget pays for, and never more than the energy above the brown-out guard's radio floor (the
    /// wake must still finish its availability publish and disconnect). A chunk's cost is the energy model's: radio time
    /// (two subscribe round trips, the payload's airtime, the ack's round trip, the flash write and read-back) at the
    /// radio current and the supercap's voltage.
    /// </summary>
    public static class UpdateFetchBudget
    {
        /// <summary>Energy one wake may spend on chunks, mJ: about a fifth of the reference supercap's usable energy.</summary>
        public const int WakeBudgetMillijoules = 2000;
        /// <summary>Fixed radio time per chunk, ms (SUBSCRIBE/SUBACK, UNSUBSCRIBE, ack PUBLISH/PUBACK, flash): an estimate to bench-measure.</summary>
        public const int ChunkOverheadMilliseconds = 150;
        /// <summary>Airtime per payload byte, us (~1 Mbit/s effective; the simulator's radio figure).</summary>
        public const int MicrosecondsPerByte = 8;

        /// <summary>A wake fetches only when it can pay for at least this many chunks above the floor: fewer would spend the subscribe for little.</summary>
        public const int MinChunksPerWake = 1;

        /// <summary>
        /// The safe level, mV: the voltage that holds the energy of <paramref name="floorMillivolts"/> (the brown-out guard's
        /// radio floor) plus <see cref="MinChunksPerWake"/> chunks of <paramref name="chunkBytes"/> at the radio current.
        /// </summary>
        public static int SafeMillivolts(SupercapModel supercap, int floorMillivolts, int chunkBytes, int radioMilliamps)
        {
            long chunks = MinChunksPerWake * ChunkMicrojoules(chunkBytes, supercap.MaxMillivolts, radioMilliamps);
            return supercap.MillivoltsFor(supercap.StoredMicrojoules(floorMillivolts) + chunks) + 1;
        }

        /// <summary>Energy of one chunk of <paramref name="chunkBytes"/>, uJ, at <paramref name="supercapMillivolts"/> and <paramref name="radioMilliamps"/>.</summary>
        public static long ChunkMicrojoules(int chunkBytes, int supercapMillivolts, int radioMilliamps)
        {
            long milliseconds = ChunkOverheadMilliseconds + (long)chunkBytes * MicrosecondsPerByte / 1000;
            return WakeEnergy.Microjoules(supercapMillivolts, milliseconds, milliseconds, radioMilliamps, radioMilliamps);
        }

        /// <summary>
        /// Chunks this wake may fetch: 0 below <paramref name="safeMillivolts"/>; else the smaller of the budget and the
        /// energy above <paramref name="floorMillivolts"/>, divided by one chunk's cost.
        /// </summary>
        public static int ChunksAllowed(SupercapModel supercap, int supercapMillivolts, int safeMillivolts, int floorMillivolts,
            long budgetMicrojoules, int chunkBytes, int radioMilliamps)
        {
            if (supercapMillivolts < safeMillivolts || supercapMillivolts <= floorMillivolts)
            {
                return 0;
            }
            long available = supercap.StoredMicrojoules(supercapMillivolts) - supercap.StoredMicrojoules(floorMillivolts);
            long spend = available < budgetMicrojoules ? available : budgetMicrojoules;
            long perChunk = ChunkMicrojoules(chunkBytes, supercapMillivolts, radioMilliamps);
            if (perChunk <= 0 || spend <= 0)
            {
                return 0;
            }
            long chunks = spend / perChunk;
            return chunks > UpdateManifest.MaxChunks ? UpdateManifest.MaxChunks : (int)chunks;
        }
    }
}
