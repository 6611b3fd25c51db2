using SensorNode.Core.Policy;

namespace SensorNode.Gateway.Policies;

/// <summary>
/// Queues a policy table for a node as its retained "policy" command (docs/mqtt.md; the gateway releases it above its
/// safe voltage, the node checks layout and CRC before writing flash and acks, and keeps its built-in table on a bad
/// write). The gateway refuses here what the node would refuse anyway: a file that is not a table, a layout no node
/// runs, or a layout other than the one the node was last seen running.
/// </summary>
public static class PolicyPusher
{
    /// <summary>
    /// Validates <paramref name="table"/> and queues it for <paramref name="nodeId"/>. Returns the command id, or -1 with
    /// a one-line <paramref name="error"/>.
    /// </summary>
    public static long Queue(ReadingStore store, string nodeId, byte[] table, long nowUnixMs, out string error)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(table);
        if (!TryValidate(table, out PolicyTable? loaded, out error)) return -1;
        ReadingStore.NodePolicy? current = store.PolicyInForce(nodeId);
        if (current != null && current.LayoutId != loaded!.LayoutId)
        {
            error = $"table layout {loaded.LayoutId} does not match layout {current.LayoutId} that node {nodeId} runs";
            return -1;
        }
        uint crc = PolicyTable.SerializedCrc(table);
        return store.QueuePolicy(nodeId, PolicyUpdate.CommandName, table, loaded!.Version, crc, loaded.LayoutId, nowUnixMs);
    }

    /// <summary>True when <paramref name="table"/> is a whole table of a layout some node runs (2, or 3 with the event RTC).</summary>
    public static bool TryValidate(byte[] table, out PolicyTable? loaded, out string error)
    {
        loaded = null;
        error = "";
        PolicyLoadError why = PolicyLoadError.None;
        foreach (int layout in new[] { StateEncoder.LayoutId, StateEncoder.RtcLayoutId })
        {
            if (PolicyTable.TryLoadFor(table, table.Length, layout, out PolicyTable t, out why))
            {
                loaded = t;
                return true;
            }
            if (why != PolicyLoadError.LayoutMismatch) break;
        }
        error = why == PolicyLoadError.LayoutMismatch
            ? $"not a table of layout {StateEncoder.LayoutId} or {StateEncoder.RtcLayoutId} (retrain it for this firmware)"
            : $"not a valid policy table: {PolicyTable.DescribeLoadError(why)}";
        return false;
    }
}
