// TEMPORARY: declarations of portable-core API that is being written on other branches (config parser,
// drivers, reading log), with the signatures agreed for it, so the firmware and device tests type-check
// before those branches merge. DELETE THIS FILE WHEN THE CORE BRANCHES ARE MERGED: the real types then
// come from ../SensorNode.Core and these would collide with them. Every body throws; never shipped.

using System;
using System.Collections;
using SensorNode.Core.Hardware;
using SensorNode.Core.Storage;

namespace SensorNode.Core.Config
{
    public sealed class ConfigError
    {
        public string Source;
        public int Line;
        public string Field;
        public string Message;
    }

    public static class ConfigParser
    {
        public static NodeConfig Parse(string text, string sourceName, ArrayList errors) { throw new NotSupportedException("pending core API"); }

        public static NodeSecrets ParseSecrets(string text, string sourceName, ArrayList errors) { throw new NotSupportedException("pending core API"); }
    }

    public static class ConfigFile
    {
        public static string ReadText(IPersistentStorage storage, string name) { throw new NotSupportedException("pending core API"); }
    }
}

namespace SensorNode.Core.Drivers
{
    public enum Sht3xRepeatability
    {
        High,
    }

    public struct Sht3xSample
    {
        public int TemperatureCentiCelsius;
        public int HumidityCentiPercent;
    }

    public sealed class Sht3xSensor
    {
        public Sht3xSensor(II2cChannel channel, Sht3xRepeatability repeatability) { throw new NotSupportedException("pending core API"); }

        public int StartMeasurement() { throw new NotSupportedException("pending core API"); }

        public bool TryReadMeasurement(out Sht3xSample sample) { throw new NotSupportedException("pending core API"); }
    }

    public interface ILightSensor
    {
        int StartMeasurement();

        bool TryReadIlluminance(out int illuminanceCentiLux);
    }

    public sealed class Opt3001Sensor : ILightSensor
    {
        public Opt3001Sensor(II2cChannel channel) { throw new NotSupportedException("pending core API"); }

        public bool TryReadManufacturerId(out int id) { throw new NotSupportedException("pending core API"); }

        public int StartMeasurement() { throw new NotSupportedException("pending core API"); }

        public bool TryReadIlluminance(out int illuminanceCentiLux) { throw new NotSupportedException("pending core API"); }
    }

    public sealed class Bh1750Sensor : ILightSensor
    {
        public Bh1750Sensor(II2cChannel channel) { throw new NotSupportedException("pending core API"); }

        public int StartMeasurement() { throw new NotSupportedException("pending core API"); }

        public bool TryReadIlluminance(out int illuminanceCentiLux) { throw new NotSupportedException("pending core API"); }
    }

    public sealed class SupercapMonitor
    {
        public SupercapMonitor(IAdcChannel adc, int dividerRatioMilli, int calLowRaw, int calLowMillivolts, int calHighRaw, int calHighMillivolts, int samples)
        {
            throw new NotSupportedException("pending core API");
        }

        public bool TryReadMillivolts(out int millivolts) { throw new NotSupportedException("pending core API"); }
    }
}

namespace SensorNode.Core.Storage
{
    public sealed class ReadingLog
    {
        public ReadingLog(IPersistentStorage storage, string fileName, int capacity) { throw new NotSupportedException("pending core API"); }

        public void Open() { throw new NotSupportedException("pending core API"); }

        public uint NewestSequence { get { throw new NotSupportedException("pending core API"); } }

        public void Append(Reading reading, uint ackedSequence, out bool dropped) { throw new NotSupportedException("pending core API"); }

        public int ReadPending(uint ackedSequence, Reading[] buffer, int max) { throw new NotSupportedException("pending core API"); }
    }
}
