namespace SensorNode.Simulation.Environment;

/// <summary>One row a trace reader skipped: where it is and why.</summary>
/// <param name="FilePath">The trace file as it was given to the reader.</param>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Reason">The category of the fault.</param>
/// <param name="Detail">What exactly was wrong (the offending field, quoted).</param>
public sealed record SkippedRow(string FilePath, int Line, SkipReason Reason, string Detail)
{
    /// <summary>"path:line: Reason: detail", the compiler-error style that editors can jump to.</summary>
    public override string ToString() => $"{FilePath}:{Line}: {Reason}: {Detail}";
}
