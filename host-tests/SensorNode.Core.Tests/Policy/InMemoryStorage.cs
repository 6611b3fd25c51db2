using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Policy;

/// <summary>An <see cref="IPersistentStorage"/> over a dictionary, with switchable read failures.</summary>
internal sealed class InMemoryStorage : IPersistentStorage
{
    private readonly Dictionary<string, byte[]> _files = new();

    public bool FailReads { get; set; }

    public void Put(string name, byte[] data) => _files[name] = (byte[])data.Clone();

    public int GetLength(string name) => _files.TryGetValue(name, out var data) ? data.Length : 0;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        if (FailReads)
        {
            return -1;
        }
        if (!_files.TryGetValue(name, out var data) || position >= data.Length)
        {
            return 0;
        }
        int n = Math.Min(count, data.Length - position);
        Array.Copy(data, position, buffer, offset, n);
        return n;
    }

    public bool Write(string name, int position, byte[] data, int offset, int count)
    {
        _files.TryGetValue(name, out var old);
        old ??= Array.Empty<byte>();
        var grown = new byte[Math.Max(old.Length, position + count)];
        Array.Fill(grown, (byte)0xFF);
        Array.Copy(old, grown, old.Length);
        Array.Copy(data, offset, grown, position, count);
        _files[name] = grown;
        return true;
    }

    public bool Delete(string name)
    {
        _files.Remove(name);
        return true;
    }
}
