using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Deployment;

/// <summary>
/// The tables a deployed node ran, each from the time the node acked it: replays a deployment's week with the same
/// table changes (a host-side policy; the table in force at the wake decides).
/// </summary>
public sealed class TableSchedule : IWakePolicy
{
    private readonly IReadOnlyList<(long FromUnixSeconds, PolicyTable Table)> _tables;
    private readonly Func<long> _nowUnixSeconds;

    /// <param name="tables">(from, table), sorted by time; the first applies before its time too.</param>
    /// <param name="nowUnixSeconds">The node's clock.</param>
    public TableSchedule(IReadOnlyList<(long FromUnixSeconds, PolicyTable Table)> tables, Func<long> nowUnixSeconds)
    {
        if (tables.Count == 0) throw new ArgumentException("A schedule needs at least one table.", nameof(tables));
        _tables = tables;
        _nowUnixSeconds = nowUnixSeconds;
    }

    /// <summary>The table in force at <paramref name="unixSeconds"/>.</summary>
    public PolicyTable At(long unixSeconds) => At(_tables, unixSeconds);

    /// <summary>The table of <paramref name="tables"/> in force at <paramref name="unixSeconds"/>.</summary>
    public static PolicyTable At(IReadOnlyList<(long FromUnixSeconds, PolicyTable Table)> tables, long unixSeconds)
    {
        PolicyTable current = tables[0].Table;
        foreach ((long from, PolicyTable table) in tables)
        {
            if (from > unixSeconds) break;
            current = table;
        }
        return current;
    }

    public PolicyAction Decide(int stateIndex, PolicyObservation observation) => At(_nowUnixSeconds()).Decide(stateIndex, observation);
}
