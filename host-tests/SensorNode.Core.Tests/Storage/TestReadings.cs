using SensorNode.Core.Storage;

namespace SensorNode.Core.Tests.Storage;

/// <summary>Readings whose every field depends on the sequence, so a record from the wrong slot or lap is noticed.</summary>
internal static class TestReadings
{
    public static Reading Make(uint sequence) => new()
    {
        Sequence = sequence,
        UnixSeconds = 1_700_000_000L + sequence * 60,
        TemperatureCentiCelsius = -4500 + (int)(sequence * 37 % 17500),
        HumidityCentiPercent = (int)(sequence * 113 % 10001),
        IlluminanceCentiLux = (int)(sequence * 99_991 % 8_386_561),
        SupercapMillivolts = 2000 + (int)(sequence % 3000),
        MotionEvents = (int)(sequence % 7),
        Faults = (ReadingFaults)(sequence % 4),
    };

    public static uint[] Sequences(Reading[] buffer, int count) => buffer.Take(count).Select(r => r.Sequence).ToArray();

    public static uint[] Range(uint first, uint last) =>
        Enumerable.Range((int)first, (int)(last - first + 1)).Select(i => (uint)i).ToArray();
}
