using System.Text.Json.Serialization;

namespace SensorNode.Simulation.Deployment;

/// <summary>One week of a simulated deployment (deployment.json, docs/deployment.md).</summary>
public sealed class DeploymentWeek
{
    /// <summary>1 = the first week.</summary>
    [JsonPropertyName("week")] public int Week { get; set; }

    /// <summary>Motion events in the week (ground truth).</summary>
    [JsonPropertyName("events_total")] public long EventsTotal { get; set; }

    /// <summary>Events the deployed node captured in the week (continuous run).</summary>
    [JsonPropertyName("events_captured")] public long EventsCaptured { get; set; }

    /// <summary>Events the schedule oracle (perfect knowledge of the week) captures.</summary>
    [JsonPropertyName("oracle_events")] public long OracleEvents { get; set; }

    /// <summary>events_captured / oracle_events (1 when the oracle captures none).</summary>
    [JsonPropertyName("captured_of_oracle")] public double CapturedOfOracle { get; set; }

    /// <summary>Brown-outs of that oracle's schedule (it spends the store down for one more event).</summary>
    [JsonPropertyName("oracle_brownouts")] public long OracleBrownouts { get; set; }

    /// <summary>Events of the oracle held to the fewest brown-outs the week allows, then the most events.</summary>
    [JsonPropertyName("safe_oracle_events")] public long SafeOracleEvents { get; set; }

    /// <summary>That oracle's brown-outs: the fewest any schedule has on the week from the same start.</summary>
    [JsonPropertyName("safe_oracle_brownouts")] public long SafeOracleBrownouts { get; set; }

    /// <summary>events_captured / safe_oracle_events (1 when it captures none).</summary>
    [JsonPropertyName("captured_of_safe_oracle")] public double CapturedOfSafeOracle { get; set; }

    /// <summary>Utility of the week replayed with the tables the node ran, from 4.0 V, against least-spending's brown-outs.</summary>
    [JsonPropertyName("utility")] public double Utility { get; set; }

    /// <summary>The best baseline's utility on the same week, same start.</summary>
    [JsonPropertyName("best_baseline_utility")] public double BestBaselineUtility { get; set; }

    /// <summary>Which baseline that was.</summary>
    [JsonPropertyName("best_baseline")] public string BestBaseline { get; set; } = "";

    /// <summary>
    /// Utility on the same week of a table trained on the full, uncensored trace of the weeks before it (what
    /// history-trained means); null for week 1 or when not computed. With several trainer seeds
    /// (<c>--reference-seeds</c>), the median of their tables' utilities.
    /// </summary>
    [JsonPropertyName("uncensored_utility")] public double? UncensoredUtility { get; set; }

    /// <summary>The lowest of the reference tables' utilities (one per trainer seed); null when none was computed.</summary>
    [JsonPropertyName("uncensored_utility_min")] public double? UncensoredUtilityMin { get; set; }

    /// <summary>The highest of the reference tables' utilities; null when none was computed.</summary>
    [JsonPropertyName("uncensored_utility_max")] public double? UncensoredUtilityMax { get; set; }

    /// <summary>
    /// Brown-outs of the reference tables on the same replayed week (from 4.0 V, as <see cref="UncensoredUtility"/>): the
    /// median over the trainer seeds; null when none was computed. Compare with <see cref="BrownoutsFloor"/>: a reference
    /// above the floor is a yardstick that itself loses nights the least-spending table keeps.
    /// </summary>
    [JsonPropertyName("uncensored_brownouts")] public double? UncensoredBrownouts { get; set; }

    /// <summary>The most brown-outs any reference table had on the week; null when none was computed.</summary>
    [JsonPropertyName("uncensored_brownouts_max")] public long? UncensoredBrownoutsMax { get; set; }

    /// <summary>How many reference tables (trainer seeds) the week was compared with; 0 for week 1 or without a reference.</summary>
    [JsonPropertyName("uncensored_seeds")] public int UncensoredSeeds { get; set; }

    /// <summary>Brown-outs of the deployed node in the week (continuous run).</summary>
    [JsonPropertyName("brownouts")] public long Brownouts { get; set; }

    /// <summary>Brown-outs while a pushed table (not the prior) was in force.</summary>
    [JsonPropertyName("brownouts_on_pushed_tables")] public long BrownoutsOnPushedTables { get; set; }

    /// <summary>
    /// The counterfactual of <see cref="BrownoutsOnPushedTables"/>: over the same spans, the brown-outs of the same
    /// continuous run had the node kept the table each push replaced (the run from day 0 with the schedule cut before that push).
    /// </summary>
    [JsonPropertyName("brownouts_replaced_tables")] public long BrownoutsReplacedTables { get; set; }

    /// <summary>Brown-outs caused by a pushed table: max(0, <see cref="BrownoutsOnPushedTables"/> - <see cref="BrownoutsReplacedTables"/>).</summary>
    [JsonPropertyName("brownouts_caused_by_push")] public long BrownoutsCausedByPush { get; set; }

    /// <summary>Least-spending's brown-outs on the week from 4.0 V (no policy can do fewer).</summary>
    [JsonPropertyName("brownouts_floor")] public long BrownoutsFloor { get; set; }

    /// <summary>Version of the table in force at the end of the week.</summary>
    [JsonPropertyName("table_version")] public uint TableVersion { get; set; }

    /// <summary>CRC-32 of the table in force at the end of the week, "0x..." hex.</summary>
    [JsonPropertyName("table_crc")] public string TableCrc { get; set; } = "";

    /// <summary>Tables the node acked as applied during the week.</summary>
    [JsonPropertyName("tables_applied")] public int TablesApplied { get; set; }

    /// <summary>Share of the week the PIR watched in the stored readings (armed, alive), 0..1.</summary>
    [JsonPropertyName("watched_fraction")] public double WatchedFraction { get; set; }
}
