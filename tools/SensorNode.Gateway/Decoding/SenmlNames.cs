using SensorNode.Core.Telemetry;

namespace SensorNode.Gateway;

/// <summary>
/// The ranges the gateway accepts for the node's record names and units (both from the core's <see cref="SenmlSchema"/>,
/// the one source of the wire format).
/// </summary>
internal static class SenmlNames
{
    internal const string StoredEnergy = SenmlSchema.StoredEnergy;
    internal const string WakeEnergy = SenmlSchema.WakeEnergy;
    internal const string HarvestPower = SenmlSchema.HarvestPower;
    internal const string Dropped = SenmlSchema.Dropped;
    internal const string PolicyVersion = SenmlSchema.PolicyVersion;
    internal const string Seq = SenmlSchema.Sequence;
    internal const string Temperature = SenmlSchema.Temperature;
    internal const string Humidity = SenmlSchema.Humidity;
    internal const string Illuminance = SenmlSchema.Illuminance;
    internal const string Supercap = SenmlSchema.Supercap;
    internal const string Motion = SenmlSchema.Motion;
    internal const string MotionFirst = SenmlSchema.MotionFirst;
    internal const string MotionLast = SenmlSchema.MotionLast;
    internal const string Armed = SenmlSchema.Armed;
    internal const string Brownout = SenmlSchema.Brownout;
    internal const string Watch = SenmlSchema.Watch;
    internal const string WatchActive = SenmlSchema.WatchActive;

    private sealed record Rule(string? Unit, double Min, double Max, bool Integer);

    // Ranges: the physical range of the sensor (docs/gateway.md), wider than the reference design where it may change.
    private static readonly Dictionary<string, Rule> Rules = new()
    {
        [StoredEnergy] = new(SenmlSchema.UnitJoule, -1000, 1000, false),
        [WakeEnergy] = new(SenmlSchema.UnitJoule, 0, 1000, false),
        [HarvestPower] = new(SenmlSchema.UnitWatt, 0, 100, false),
        [Dropped] = new(SenmlSchema.UnitCount, 0, uint.MaxValue, true),
        [PolicyVersion] = new(null, 1, uint.MaxValue, true),
        [Seq] = new(null, 1, uint.MaxValue, true),
        [Temperature] = new(SenmlSchema.UnitCelsius, -45, 130, false),
        [Humidity] = new(SenmlSchema.UnitRelativeHumidity, 0, 100, false),
        [Illuminance] = new(SenmlSchema.UnitLux, 0, 200000, false),
        [Supercap] = new(SenmlSchema.UnitVolt, 0, 20, false),
        [Motion] = new(SenmlSchema.UnitCount, 0, 65535, true),
        [MotionFirst] = new(SenmlSchema.UnitSecond, 0, 65534, true),
        [MotionLast] = new(SenmlSchema.UnitSecond, 0, 65534, true),
        [Armed] = new(SenmlSchema.UnitSecond, 0, 65534, true),
        [Brownout] = new(SenmlSchema.UnitCount, 1, 1, true),
        [Watch] = new(SenmlSchema.UnitSecond, 0, 86400, true),
        [WatchActive] = new(SenmlSchema.UnitCount, 1, 1, true),
    };

    internal static bool TryGetUnit(string name, out string? unit)
    {
        bool known = Rules.TryGetValue(name, out Rule? rule);
        unit = rule?.Unit;
        return known;
    }

    internal static bool IsEnergy(string name) => name is StoredEnergy or WakeEnergy or HarvestPower or Dropped or PolicyVersion or Watch or WatchActive;

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
