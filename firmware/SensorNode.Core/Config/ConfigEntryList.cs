using System.Collections;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// The accepted entries of one file, in file order; finds the line a field was set on in constant expected
    /// time (a hash table of its own over arrays, so that 400,000 keys are checked for duplicates in linear time
    /// without generics on the node).
    /// </summary>
    internal sealed class ConfigEntryList
    {
        private readonly ArrayList entries = new ArrayList();

        // Open addressing with linear probing: slots[i] is 1 + the index in entries, 0 when empty.
        // Kept at most half full, so a probe ends after about two steps.
        private int[] slots = new int[16];

        /// <summary>Field-name comparisons made by <see cref="LineOf"/> so far; a test hook that proves the lookup is not a scan.</summary>
        internal long Comparisons;

        /// <summary>Number of entries.</summary>
        internal int Count
        {
            get { return entries.Count; }
        }

        /// <summary>Entry <paramref name="index"/> (0..Count-1).</summary>
        internal ConfigEntry Get(int index)
        {
            return (ConfigEntry)entries[index];
        }

        /// <summary>Appends an entry; an entry whose field is already present stays in the list, but LineOf keeps the first.</summary>
        internal void Add(ConfigEntry entry)
        {
            entries.Add(entry);
            if (Find(entry.Field) >= 0)
            {
                return;
            }

            if ((entries.Count * 2) > slots.Length)
            {
                Grow();
            }

            Insert(entry.Field, entries.Count);
        }

        /// <summary>Line the field ("section.key") was set on, or 0 when the file does not set it.</summary>
        internal int LineOf(string field)
        {
            int index = Find(field);
            return index < 0 ? 0 : Get(index).Line;
        }

        // Index in entries of the first entry with this field, or -1.
        private int Find(string field)
        {
            if (field == null)
            {
                return -1;
            }

            int mask = slots.Length - 1;
            int slot = Hash(field) & mask;
            while (slots[slot] != 0)
            {
                ConfigEntry entry = (ConfigEntry)entries[slots[slot] - 1];
                Comparisons++;
                if (entry.Field == field)
                {
                    return slots[slot] - 1;
                }

                slot = (slot + 1) & mask;
            }

            return -1;
        }

        private void Insert(string field, int oneBasedIndex)
        {
            int mask = slots.Length - 1;
            int slot = Hash(field) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = oneBasedIndex;
        }

        private void Grow()
        {
            int[] old = slots;
            slots = new int[old.Length * 2];
            for (int i = 0; i < old.Length; i++)
            {
                if (old[i] != 0)
                {
                    Insert(((ConfigEntry)entries[old[i] - 1]).Field, old[i]);
                }
            }
        }

        // FNV-1a over the characters: the same value on every runtime (string.GetHashCode is not specified to be).
        private static int Hash(string text)
        {
            uint hash = 2166136261;
            for (int i = 0; i < text.Length; i++)
            {
                hash = unchecked((hash ^ text[i]) * 16777619);
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
