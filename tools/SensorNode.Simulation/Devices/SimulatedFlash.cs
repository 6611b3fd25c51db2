using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// In-memory <see cref="IPersistentStorage"/> standing in for the device's LittleFS files, with the failure modes
/// the firmware must survive: torn writes on a power cut (<see cref="CutPowerAfter"/>), write errors
/// (<see cref="FailNextWrites"/>) and read errors (<see cref="FailNextReads"/>). It models the interface contract
/// ("a cut write leaves any prefix"), which is harsher than LittleFS's copy-on-write commit.
/// Counts operations and bytes so the simulator can report flash wear.
/// </summary>
public sealed class SimulatedFlash : IPersistentStorage
{
    private const byte Erased = 0xFF;

    private readonly Dictionary<string, FileData> _files = new(StringComparer.Ordinal);
    private int _cutAfterBytes = -1;
    private int _failWrites;
    private int _failReads;

    /// <summary>Empty flash: no files, counters at 0.</summary>
    public SimulatedFlash()
    {
    }

    /// <summary>Deep copy of <paramref name="other"/>'s files and counters; armed faults are not copied.</summary>
    public SimulatedFlash(SimulatedFlash other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CopyFilesFrom(other);
        BytesWritten = other.BytesWritten;
        WriteCount = other.WriteCount;
        BytesRead = other.BytesRead;
        ReadCount = other.ReadCount;
    }

    /// <summary>Bytes that reached flash through <see cref="Write"/> since creation, including torn prefixes.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Calls to <see cref="Write"/> that changed flash (torn ones included, failed ones not).</summary>
    public long WriteCount { get; private set; }

    /// <summary>Bytes returned by successful <see cref="Read"/> calls.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Successful <see cref="Read"/> calls.</summary>
    public long ReadCount { get; private set; }

    /// <summary>Names of the files that exist, ordinal order.</summary>
    public IReadOnlyList<string> FileNames => _files.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Arms a power cut: the next <see cref="Write"/> stores only its first <paramref name="bytes"/> bytes
    /// (all of them when <paramref name="bytes"/> is at least its count) and then throws
    /// <see cref="SimulatedPowerLossException"/>.
    /// </summary>
    public void CutPowerAfter(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _cutAfterBytes = bytes;
    }

    /// <summary>The next <paramref name="count"/> writes return false and change nothing.</summary>
    public void FailNextWrites(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _failWrites = count;
    }

    /// <summary>The next <paramref name="count"/> reads return -1.</summary>
    public void FailNextReads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _failReads = count;
    }

    /// <summary>Deep copy of the current contents and counters (see the copy constructor).</summary>
    public SimulatedFlash Snapshot() => new(this);

    /// <summary>Replaces every file with a deep copy of <paramref name="snapshot"/>'s files. Counters and armed faults are kept.</summary>
    public void Restore(SimulatedFlash snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _files.Clear();
        CopyFilesFrom(snapshot);
    }

    /// <summary>Copy of the named file's bytes; empty when it does not exist.</summary>
    public byte[] GetFileBytes(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _files.TryGetValue(name, out FileData? file) ? file.Bytes.AsSpan(0, file.Length).ToArray() : [];
    }

    /// <summary>Replaces the named file's contents (test setup, e.g. planting corruption). Not counted as a write.</summary>
    public void SetFileBytes(string name, byte[] contents)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(contents);
        _files[name] = new FileData((byte[])contents.Clone(), contents.Length);
    }

    /// <inheritdoc />
    public int GetLength(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _files.TryGetValue(name, out FileData? file) ? file.Length : 0;
    }

    /// <inheritdoc />
    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        CheckArguments(name, position, buffer, offset, count);
        if (_failReads > 0)
        {
            _failReads--;
            return -1;
        }
        ReadCount++;
        if (!_files.TryGetValue(name, out FileData? file) || position >= file.Length)
        {
            return 0;
        }
        int n = Math.Min(count, file.Length - position);
        Array.Copy(file.Bytes, position, buffer, offset, n);
        BytesRead += n;
        return n;
    }

    /// <inheritdoc />
    public bool Write(string name, int position, byte[] data, int offset, int count)
    {
        CheckArguments(name, position, data, offset, count);
        if (_failWrites > 0)
        {
            _failWrites--;
            return false;
        }

        int stored = count;
        bool cut = _cutAfterBytes >= 0;
        if (cut)
        {
            stored = Math.Min(_cutAfterBytes, count);
            _cutAfterBytes = -1;
        }

        // Like a file system, a write that stores nothing does not extend the file.
        if (stored > 0)
        {
            FileData file = Grow(name, position + stored);
            Array.Copy(data, offset, file.Bytes, position, stored);
        }
        WriteCount++;
        BytesWritten += stored;

        if (cut)
        {
            throw new SimulatedPowerLossException(name, stored, count);
        }
        return true;
    }

    /// <inheritdoc />
    public bool Delete(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _files.Remove(name);
        return true;
    }

    // Returns the named file, at least `length` bytes long; a new file or a gap reads as erased flash.
    // The backing array doubles, so a log growing one record per wake is not copied on every append.
    private FileData Grow(string name, int length)
    {
        if (!_files.TryGetValue(name, out FileData? file))
        {
            file = new FileData([], 0);
            _files[name] = file;
        }
        if (file.Bytes.Length < length)
        {
            byte[] grown = new byte[Math.Max(length, Math.Max(64, file.Bytes.Length * 2))];
            Array.Copy(file.Bytes, grown, file.Length);
            file.Bytes = grown;
        }
        if (file.Length < length)
        {
            Array.Fill(file.Bytes, Erased, file.Length, length - file.Length);
            file.Length = length;
        }
        return file;
    }

    private void CopyFilesFrom(SimulatedFlash source)
    {
        foreach (KeyValuePair<string, FileData> entry in source._files)
        {
            _files[entry.Key] = new FileData(entry.Value.Bytes.AsSpan(0, entry.Value.Length).ToArray(), entry.Value.Length);
        }
    }

    private static void CheckArguments(string name, int position, byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (offset + count > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "offset + count exceeds the buffer length.");
        }
    }

    private sealed class FileData(byte[] bytes, int length)
    {
        public byte[] Bytes = bytes;
        public int Length = length;
    }
}
