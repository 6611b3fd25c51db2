namespace SensorNode.Core.Policy
{
    /// <summary>Why a serialized policy table was rejected (the node then runs the built-in table).</summary>
    public enum PolicyLoadError
    {
        /// <summary>Loaded, or no table file present.</summary>
        None = 0,
        /// <summary>Fewer bytes than the header and table need (truncated write, failed read).</summary>
        TooShort = 1,
        /// <summary>The first four bytes are not "SNPT": not a policy table.</summary>
        BadMagic = 2,
        /// <summary>A format version this firmware does not read, or more bytes than the format has.</summary>
        UnsupportedFormat = 3,
        /// <summary>Trained for other state bins (layout id or state count differ from <see cref="StateEncoder"/>).</summary>
        LayoutMismatch = 4,
        /// <summary>The CRC-32 does not match: the bytes were damaged.</summary>
        BadCrc = 5,
        /// <summary>An action code has reserved bits (5-7) set.</summary>
        BadAction = 6,
    }
}
