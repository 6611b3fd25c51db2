using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Drivers.Supercap;

/// <summary>An ADC channel answering typed-in raw counts in order; null is a failed conversion.</summary>
internal sealed class ScriptedAdc : IAdcChannel
{
    private readonly Queue<int?> _raws;

    public ScriptedAdc(params int?[] raws) => _raws = new Queue<int?>(raws);

    public int MaxRaw => 4095;

    public int ConversionCount { get; private set; }

    public void Enqueue(params int?[] raws)
    {
        foreach (int? raw in raws)
        {
            _raws.Enqueue(raw);
        }
    }

    public bool TryReadRaw(out int raw)
    {
        ConversionCount++;
        if (!_raws.TryDequeue(out int? next))
        {
            throw new InvalidOperationException("The monitor converted more often than the test scripted.");
        }
        raw = next ?? 0;
        return next.HasValue;
    }
}
