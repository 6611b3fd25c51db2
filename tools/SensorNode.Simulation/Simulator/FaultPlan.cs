using System.Globalization;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Simulator;

/// <summary>The fault kinds --faults accepts, each a probability per wake.</summary>
public enum FaultKind
{
    /// <summary>An I2C sensor NACKs its address.</summary>
    I2cNack,
    /// <summary>A bit of the SHT3x answer flips (caught by its CRC).</summary>
    Crc,
    /// <summary>Wi-Fi association fails (after the full timeout).</summary>
    Wifi,
    /// <summary>The broker does not answer.</summary>
    BrokerDown,
    /// <summary>The broker takes the publish but the PUBACK never comes.</summary>
    NoAck,
    /// <summary>The supercap browns out during the transmission.</summary>
    BrownoutTx,
    /// <summary>Power is cut in the middle of a flash write.</summary>
    FlashCut,
}

/// <summary>
/// Seeded, reproducible faults: <c>i2c-nack=0.01,crc=0.01,wifi=0.05,broker-down=0.02,no-ack=0.02,brownout-tx=0.01,flash-cut=0.001</c>
/// (any subset; each value a probability per wake, 0..1). The same seed and spec inject the same faults at the same wakes.
/// </summary>
public sealed class FaultPlan
{
    private static readonly (string Name, FaultKind Kind)[] Names =
    {
        ("i2c-nack", FaultKind.I2cNack), ("crc", FaultKind.Crc), ("wifi", FaultKind.Wifi), ("broker-down", FaultKind.BrokerDown),
        ("no-ack", FaultKind.NoAck), ("brownout-tx", FaultKind.BrownoutTx), ("flash-cut", FaultKind.FlashCut),
    };

    private readonly double[] _probability = new double[Names.Length];
    private readonly long[] _injected = new long[Names.Length];
    private readonly Random _random;

    public string Spec { get; }

    public static FaultPlan None(int seed) => new("", seed);

    /// <summary>Parses <paramref name="spec"/>; throws <see cref="FormatException"/> saying which entry is wrong and what is accepted.</summary>
    public FaultPlan(string spec, int seed)
    {
        Spec = spec ?? "";
        _random = new Random(unchecked(seed * 7919 + 17));
        var given = new bool[Names.Length];
        foreach (string raw in Spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = raw.IndexOf('=');
            string name = eq < 0 ? raw : raw[..eq];
            int index = Array.FindIndex(Names, n => n.Name == name);
            if (index < 0)
                throw new FormatException($"--faults: unknown fault '{name}' (known: {string.Join(", ", Names.Select(n => n.Name))})");
            if (eq < 0 || !double.TryParse(raw[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || !(p >= 0 && p <= 1))
                throw new FormatException($"--faults: '{raw}': expected {name}=<probability 0..1>");
            if (given[index]) throw new FormatException($"--faults: {name} is given twice; give each fault once");
            given[index] = true;
            _probability[index] = p;
        }
    }

    public bool Any => _probability.Any(p => p > 0);

    /// <summary>Draws whether <paramref name="kind"/> strikes this wake, and counts it.</summary>
    public bool Strikes(FaultKind kind)
    {
        double p = _probability[(int)kind];
        if (p <= 0 || _random.NextDouble() >= p) return false;
        _injected[(int)kind]++;
        return true;
    }

    /// <summary>A random value for the fault's details (which byte, which sensor).</summary>
    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public SortedDictionary<string, long> Injected()
    {
        var result = new SortedDictionary<string, long>();
        for (int i = 0; i < Names.Length; i++) if (_probability[i] > 0) result[Names[i].Name] = _injected[i];
        return result;
    }

    /// <summary>Applies this wake's faults to the node's devices before it boots.</summary>
    public void ApplyBeforeWake(SimulatedNode node, PowerRail rail)
    {
        node.Broker.Unreachable = false;
        node.Broker.WithholdAcks = false;
        if (!Any) return;
        if (Strikes(FaultKind.I2cNack))
        {
            if (Next(2) == 0) node.Climate.FailNextTransfers(1, I2cStatus.AddressNotAcknowledged);
            else { node.Opt3001.FailNextTransfers(1, I2cStatus.AddressNotAcknowledged); node.Bh1750.FailNextTransfers(1, I2cStatus.AddressNotAcknowledged); }
        }
        if (Strikes(FaultKind.Crc)) node.Climate.CorruptNextReads(1);
        if (Strikes(FaultKind.Wifi)) node.Link.FailNextConnects(1);
        if (Strikes(FaultKind.BrokerDown)) node.Broker.Unreachable = true;
        if (Strikes(FaultKind.NoAck)) node.Broker.WithholdAcks = true;
        if (Strikes(FaultKind.BrownoutTx)) rail.FailNextRadio = true;
        if (Strikes(FaultKind.FlashCut)) node.Flash.CutPowerAfter(Next(32));
    }
}
