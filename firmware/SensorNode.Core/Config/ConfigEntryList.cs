using System.Collections;

namespace SensorNode.Core.Config
{
    /// <summary>The accepted entries of one file, in file order; finds the line a field was set on.</summary>
    internal sealed class ConfigEntryList
    {
        private readonly ArrayList entries = new ArrayList();

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

        /// <summary>Appends an entry.</summary>
        internal void Add(ConfigEntry entry)
        {
            entries.Add(entry);
        }

        /// <summary>Line the field ("section.key") was set on, or 0 when the file does not set it.</summary>
        internal int LineOf(string field)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                ConfigEntry entry = (ConfigEntry)entries[i];
                if (entry.Field == field)
                {
                    return entry.Line;
                }
            }

            return 0;
        }
    }
}
