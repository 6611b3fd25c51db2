using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Config;

/// <summary>Minimal in-memory <see cref="IPersistentStorage"/> for config tests, with knobs for short and failing reads.</summary>
internal sealed class FakeStorage : IPersistentStorage
{
    private readonly Dictionary<string, byte[]> files = new();

    /// <summary>Most bytes one Read call returns (to exercise callers that must loop).</summary>
    public int MaxBytesPerRead { get; set; } = int.MaxValue;

    /// <summary>When set, Read returns this instead of data (-1 = I/O error, 0 = premature end).</summary>
    public int? ReadResultOverride { get; set; }

    public void Put(string name, byte[] data) => files[name] = (byte[])data.Clone();

    public int GetLength(string name) => files.TryGetValue(name, out var data) ? data.Length : 0;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        if (ReadResultOverride is int forced)
        {
            return forced;
        }

        if (!files.TryGetValue(name, out var data) || position >= data.Length)
        {
            return 0;
        }

        int n = Math.Min(Math.Min(count, data.Length - position), MaxBytesPerRead);
        Array.Copy(data, position, buffer, offset, n);
        return n;
    }

    public bool Write(string name, int position, byte[] data, int offset, int count)
    {
        files.TryGetValue(name, out var old);
        old ??= Array.Empty<byte>();
        var grown = new byte[Math.Max(old.Length, position + count)];
        Array.Fill(grown, (byte)0xFF);
        Array.Copy(old, grown, old.Length);
        Array.Copy(data, offset, grown, position, count);
        files[name] = grown;
        return true;
    }

    public bool Delete(string name)
    {
        files.Remove(name);
        return true;
    }
}
