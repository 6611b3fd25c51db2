using SensorNode.Simulation.Environment;

namespace SensorNode.Simulation.Training;

/// <summary>
/// The environments a fleet-default table is trained on: one synthetic building of each kind (office, corridor,
/// window-side), <see cref="Days"/> days each, seeds of their own (1000 + seed x 3 + kind) so that no split of
/// <c>evaluate --splits</c> tests on one of them. Episodes cycle through the three, so the table must survive the
/// corridor's dark weeks as well as use the window's surplus.
/// </summary>
public static class FleetDefault
{
    /// <summary>Days of each training building.</summary>
    public const int Days = 14;

    /// <summary>Version written into a fleet-default table (site tables are 101).</summary>
    public const uint TableVersion = 102;

    public static IReadOnlyList<EnvironmentTrace> Environments(int seed)
    {
        long start = new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var kinds = new[] { SyntheticProfileKind.Office, SyntheticProfileKind.Corridor, SyntheticProfileKind.WindowSide };
        return kinds.Select((kind, i) => SyntheticEnvironment.Generate(kind, start, Days, 1000 + seed * 3 + i)).ToList();
    }
}
