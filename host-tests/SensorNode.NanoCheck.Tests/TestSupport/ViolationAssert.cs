namespace SensorNode.NanoCheck.Tests.TestSupport;

/// <summary>Asserts about checker results with the whole list in the failure message.</summary>
internal static class ViolationAssert
{
    /// <summary>Exactly <paramref name="member"/> has a <paramref name="kind"/> violation whose reason contains <paramref name="reasonFragment"/>.</summary>
    public static Violation Has(IReadOnlyList<Violation> violations, string member, ViolationKind kind, string reasonFragment)
    {
        var match = violations.FirstOrDefault(v => v.Member == member && v.Kind == kind && v.Reason.Contains(reasonFragment, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected {kind} on {member} containing \"{reasonFragment}\"; got:\n{Describe(violations)}");
        return match!;
    }

    /// <summary>No violations at all.</summary>
    public static void Clean(IReadOnlyList<Violation> violations)
        => Assert.True(violations.Count == 0, "expected no violations; got:\n" + Describe(violations));

    private static string Describe(IReadOnlyList<Violation> violations)
        => violations.Count == 0 ? "(none)" : string.Join("\n", violations.Select(v => $"  [{v.Kind}] {v}"));
}
