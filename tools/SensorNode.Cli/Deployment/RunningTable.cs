using SensorNode.Core.Policy;
using SensorNode.Gateway;
using SensorNode.Simulation.Training;

namespace SensorNode.Cli.Deployment;

/// <summary>
/// The table a node runs, as far as the store can tell (docs/deployment.md "Running the loop on a real site"). Its newest
/// message names the version of the table that decided that wake (SenML <c>policy</c>, docs/mqtt.md); that version is
/// matched to a table the store holds (a push to the node) or the firmware does (the prior, the built-in table). Without
/// a report (older firmware) the push the node last acked as applied stands for it. The ack record alone goes stale when
/// the node's flash is erased or rewritten with nanoff, which no ack reports: <see cref="AckIsStale"/>.
/// </summary>
/// <param name="NodeId">The node.</param>
/// <param name="ReportedVersion">The version its newest message named; null when its firmware sends none.</param>
/// <param name="Acked">The push it last acked as applied; null when none.</param>
/// <param name="Kind">What the table is: <see cref="Pushed"/>, <see cref="Prior"/>, <see cref="BuiltIn"/>, or <see cref="Unknown"/>.</param>
/// <param name="Push">For <see cref="Pushed"/>: the push that brought it (the acked one, or the newest push of that version).</param>
/// <param name="LayoutId">The table's state layout when known (a push's, or the prior's or built-in table's that matched).</param>
public sealed record RunningTable(string NodeId, uint? ReportedVersion, ReadingStore.NodePolicy? Acked, string Kind, ReadingStore.PolicyPush? Push, int? LayoutId)
{
    /// <summary>A table a push brought.</summary>
    public const string Pushed = "pushed";
    /// <summary>The frugal prior (<see cref="PriorTable"/>), flashed or pushed as a new node's first table.</summary>
    public const string Prior = "prior";
    /// <summary>The firmware's built-in table: no table in flash, or one the node refused.</summary>
    public const string BuiltIn = "built-in";
    /// <summary>Neither reported in a way the store can match, nor pushed.</summary>
    public const string Unknown = "unknown";

    private static readonly int[] Layouts = [StateEncoder.LayoutId, StateEncoder.RtcLayoutId];

    /// <summary>True when the node reports a table other than the one its last ack applied.</summary>
    public bool AckIsStale => ReportedVersion is uint v && Acked != null && Acked.TableVersion != v;

    /// <summary>What <paramref name="nodeId"/> runs by its newest report, else by its last ack.</summary>
    public static RunningTable Of(ReadingStore store, string nodeId)
    {
        uint? reported = store.GetNode(nodeId)?.PolicyVersion;
        ReadingStore.NodePolicy? acked = store.PolicyInForce(nodeId);
        if (reported is not uint version)
        {
            return acked == null
                ? new RunningTable(nodeId, null, null, Unknown, null, null)
                : new RunningTable(nodeId, null, acked, Pushed, store.PolicyPushes(nodeId).SingleOrDefault(p => p.CommandId == acked.CommandId), acked.LayoutId);
        }
        // The acked push first, then the newest push of that version (its ack may have been lost), then the firmware's tables.
        ReadingStore.PolicyPush? push = store.PolicyPushes(nodeId).Where(p => p.TableVersion == version)
            .OrderBy(p => acked != null && p.CommandId == acked.CommandId ? 1 : 0).ThenBy(p => p.CommandId).LastOrDefault();
        if (push != null) return new RunningTable(nodeId, version, acked, Pushed, push, push.LayoutId);
        foreach (int layout in Layouts)
        {
            if (PriorTable.ForLayout(layout).Version == version) return new RunningTable(nodeId, version, acked, Prior, null, layout);
            if (PolicyTable.BuiltInFor(layout).Version == version) return new RunningTable(nodeId, version, acked, BuiltIn, null, layout);
        }
        return new RunningTable(nodeId, version, acked, Unknown, null, null);
    }

    /// <summary>
    /// The table itself, for a <paramref name="layout"/> the caller checked against <see cref="LayoutId"/>: a push's as it
    /// was queued (null when its command is gone from the store), the built-in table; null for the prior and unknown.
    /// </summary>
    public PolicyTable? Load(ReadingStore store, int layout)
    {
        if (Kind == BuiltIn) return PolicyTable.BuiltInFor(layout);
        if (Kind != Pushed || Push == null) return null;
        byte[]? bytes = store.PolicyTableBytes(Push.CommandId, NodeId);
        return bytes != null && PolicyTable.TryLoadFor(bytes, bytes.Length, layout, out PolicyTable loaded, out _) ? loaded : null;
    }

    /// <summary>One line: what the node runs and how the store knows, and a stale ack record when there is one.</summary>
    public string Describe()
    {
        string what = Kind switch
        {
            Pushed => $"version {Push?.TableVersion ?? Acked!.TableVersion} (CRC-32 0x{Push?.TableCrc ?? Acked!.TableCrc:X8}, layout {LayoutId}, command {Push?.CommandId ?? Acked!.CommandId})",
            Prior => $"the prior, version {ReportedVersion}",
            BuiltIn => $"its built-in table, version {ReportedVersion} (no table in flash, or one it refused)",
            _ => $"a table the store cannot name, version {ReportedVersion} (neither a push in this store nor a table of the firmware)",
        };
        if (Kind == Unknown && ReportedVersion == null) return "runs its own table (no push acked as applied, and no table version reported)";
        string how = ReportedVersion != null ? "by its newest message" : $"since its ack {Utc(Acked!.SinceUnixMs)} (its firmware does not report its table)";
        string stale = AckIsStale
            ? $"; its last ack applied version {Acked!.TableVersion} ({Utc(Acked.SinceUnixMs)}): its flash was erased or rewritten since, or that table was refused at boot"
            : "";
        return $"runs {what} {how}{stale}";
    }

    /// <summary>A Unix-ms time as "yyyy-MM-dd HH:mmZ".</summary>
    public static string Utc(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
