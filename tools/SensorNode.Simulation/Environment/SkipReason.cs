namespace SensorNode.Simulation.Environment;

/// <summary>Why a trace reader skipped a row. Diagnostics count rows per reason.</summary>
public enum SkipReason
{
    /// <summary>An empty (or whitespace-only) line.</summary>
    BlankLine,

    /// <summary>Fewer columns than the format needs (Pible: 9; CSV: up to the lux column).</summary>
    TooFewColumns,

    /// <summary>
    /// CSV: a non-empty field beyond the header's columns (or, without a header, beyond the fourth,
    /// timestamp,lux,pir,temp_c). Such a row is misaligned, typically a decimal comma ("12,5") that moves every
    /// field after it; reading it by position would take the wrong value, so it is skipped. Empty extra fields
    /// (a trailing comma) lose nothing and are fine.
    /// </summary>
    TooManyColumns,

    /// <summary>The timestamp did not parse in any accepted format.</summary>
    BadTimestamp,

    /// <summary>The light value is empty, not a number, negative or not finite (e.g. Pible's "list index out of range").</summary>
    BadLux,

    /// <summary>The PIR flag is neither 0 nor 1.</summary>
    BadPirFlag,

    /// <summary>
    /// The timestamp is earlier than an already accepted row. Such rows are skipped, not sorted in:
    /// in the real traces they are the hour repeated when daylight saving time ends, or a span of a
    /// concatenated log written twice; sorting them in would fold time and double-count PIR events.
    /// A trace in which at least as many rows go back as are accepted (a time-reversed file) is refused
    /// with the file and line of the first one (<see cref="TraceFormatException"/>), not skipped.
    /// </summary>
    OutOfOrder,
}
