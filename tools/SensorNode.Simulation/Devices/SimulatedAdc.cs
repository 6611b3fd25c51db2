using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// The supercap divider and a 12-bit ADC with gain and offset error, quantisation, seeded Gaussian noise and
/// clamping: pin mV = Vcap / (ratio / 1000); seen mV = pin mV * gain + offset + noise;
/// raw = round(seen mV * 4095 / 3300), clamped to 0..4095. With gain 1 and offset 0 it is an ideal 0-3.3 V
/// converter; the ESP32's real ADC at 11 dB is roughly gain 1.27, offset -280 mV (the reference calibration).
/// </summary>
public sealed class SimulatedAdc : IAdcChannel
{
    /// <summary>Full-scale count of the simulated 12-bit converter.</summary>
    public const int FullScaleRaw = 4095;

    /// <summary>Input that an ideal converter (gain 1, offset 0) reads as full scale, mV.</summary>
    public const double IdealFullScaleMillivolts = 3300.0;

    private readonly int _dividerRatioMilli;
    private readonly double _gain;
    private readonly double _offsetMillivolts;
    private readonly double _noiseMillivoltsRms;
    private readonly Random _random;
    private int _failuresLeft;

    /// <summary>
    /// <paramref name="dividerRatioMilli"/>: Vcap / Vpin x1000 (at least 1000). <paramref name="gain"/> (&gt; 0) and
    /// <paramref name="offsetMillivolts"/>: the converter's error. <paramref name="noiseMillivoltsRms"/> (0 or more):
    /// Gaussian noise per conversion, drawn from <c>new Random(seed)</c> so a run replays from its seed.
    /// </summary>
    public SimulatedAdc(int dividerRatioMilli, double gain, double offsetMillivolts, double noiseMillivoltsRms, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dividerRatioMilli, 1000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gain);
        ArgumentOutOfRangeException.ThrowIfNegative(noiseMillivoltsRms);
        _dividerRatioMilli = dividerRatioMilli;
        _gain = gain;
        _offsetMillivolts = offsetMillivolts;
        _noiseMillivoltsRms = noiseMillivoltsRms;
        _random = new Random(seed);
    }

    /// <summary>Supercap voltage, V.</summary>
    public double SupercapVolts { get; set; }

    /// <summary>Load switch of a gated divider; while it is off the pin sees 0 V. Null: ungated divider.</summary>
    public SimulatedSwitch? Gate { get; set; }

    /// <summary>Conversions attempted so far, failed ones included.</summary>
    public int ConversionCount { get; private set; }

    /// <inheritdoc />
    public int MaxRaw => FullScaleRaw;

    /// <summary>The next <paramref name="count"/> conversions fail (TryReadRaw returns false).</summary>
    public void FailNextConversions(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _failuresLeft = count;
    }

    /// <inheritdoc />
    public bool TryReadRaw(out int raw)
    {
        ConversionCount++;
        if (_failuresLeft > 0)
        {
            _failuresLeft--;
            raw = 0;
            return false;
        }
        double pinMillivolts = Gate is { On: false } ? 0.0 : SupercapVolts * 1000.0 * 1000.0 / _dividerRatioMilli;
        double seenMillivolts = pinMillivolts * _gain + _offsetMillivolts + NextNoiseMillivolts();
        raw = (int)Math.Clamp(Math.Round(seenMillivolts * FullScaleRaw / IdealFullScaleMillivolts), 0, FullScaleRaw);
        return true;
    }

    private double NextNoiseMillivolts()
    {
        if (_noiseMillivoltsRms == 0.0)
        {
            return 0.0;
        }
        // Box-Muller: two uniform draws give one standard normal.
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return _noiseMillivoltsRms * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
