namespace SensorNode.Gateway;

/// <summary>The record names of docs/mqtt.md with their units and the ranges the gateway accepts.</summary>
internal static class SenmlNames
{
    internal const string StoredEnergy = "stored_energy";
    internal const string WakeEnergy = "wake_energy";
    internal const string HarvestPower = "harvest_power";
    internal const string Dropped = "dropped";
    internal const string Seq = "seq";
    internal const string Temperature = "temperature";
    internal const string Humidity = "humidity";
    internal const string Illuminance = "illuminance";
    internal const string Supercap = "supercap";
    internal const string Motion = "motion";
    internal const string Armed = "armed";
    internal const string Brownout = "brownout";

    private sealed record Rule(string? Unit, double Min, double Max, bool Integer);

    // Ranges: the physical range of the sensor (docs/gateway.md), wider than the reference design where it may change.
    private static readonly Dictionary<string, Rule> Rules = new()
    {
        [StoredEnergy] = new("J", -1000, 1000, false),
        [WakeEnergy] = new("J", 0, 1000, false),
        [HarvestPower] = new("W", 0, 100, false),
        [Dropped] = new("count", 0, uint.MaxValue, true),
        [Seq] = new(null, 1, uint.MaxValue, true),
        [Temperature] = new("Cel", -45, 130, false),
        [Humidity] = new("%RH", 0, 100, false),
        [Illuminance] = new("lx", 0, 200000, false),
        [Supercap] = new("V", 0, 20, false),
        [Motion] = new("count", 0, 65535, true),
        [Armed] = new("s", 0, 65534, true),
        [Brownout] = new("count", 1, 1, true),
    };

    internal static bool TryGetUnit(string name, out string? unit)
    {
        bool known = Rules.TryGetValue(name, out Rule? rule);
        unit = rule?.Unit;
        return known;
    }

    internal static bool IsEnergy(string name) => name is StoredEnergy or WakeEnergy or HarvestPower or Dropped;

    /// <summary>Throws the rejection for a value outside the name's range or, for counters, not whole.</summary>
    internal static void CheckRange(string name, double value, int index)
    {
        Rule rule = Rules[name];
        if (value < rule.Min || value > rule.Max)
        {
            throw SenmlDecoder.Reject(index, FormattableString.Invariant($"{name} {value:R} outside {rule.Min}..{rule.Max}"));
        }
        if (rule.Integer && Math.Floor(value) != value)
        {
            throw SenmlDecoder.Reject(index, FormattableString.Invariant($"{name} {value:R} is not a whole number"));
        }
    }
}
