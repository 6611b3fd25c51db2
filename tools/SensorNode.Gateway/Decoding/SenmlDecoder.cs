using System.Text.Json;
using System.Text.Unicode;
using SensorNode.Core.Telemetry;

namespace SensorNode.Gateway;

/// <summary>
/// Validates and resolves a node's SenML JSON state pack (RFC 8428 as profiled in docs/mqtt.md; rules in
/// docs/gateway.md). Anything malformed or unauthorised-looking is rejected with a one-line reason, never thrown.
/// </summary>
public static class SenmlDecoder
{
    /// <summary>Largest payload decoded, bytes (a 100-reading pack is about 26 KB). Larger ones are rejected unread.</summary>
    public const int MaxPayloadBytes = 65536;

    /// <summary>How far a resolved time may lie ahead of the gateway's clock, s (node clock drift, not a future reading).</summary>
    public const long MaxFutureSeconds = 300;

    /// <summary>Start of every record name: "urn:dev:sensornode:&lt;node&gt;:&lt;name&gt;".</summary>
    public const string NamePrefix = SenmlSchema.BaseNamePrefix;

    // RFC 8428 section 4.5.3: times below 2^28 are relative to "now"; nodes send absolute times or 0 (unknown).
    private const long RelativeTimeLimit = 1L << 28;

    // Bound on |bt| and |t| before adding them: year 5138, far beyond any real time, far below overflow.
    private const double MaxAbsTime = 1e11;

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 8,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// Decodes the state message <paramref name="payload"/> received on <paramref name="topic"/> ("&lt;prefix&gt;/&lt;node&gt;/state"
    /// with <paramref name="prefix"/>), checking timestamps against <paramref name="nowUnixSeconds"/> (the gateway clock,
    /// Unix seconds UTC). Returns true with the resolved <paramref name="pack"/>, or false with <paramref name="pack"/> null
    /// and a one-line <paramref name="reason"/>. Never throws on any payload.
    /// </summary>
    public static bool TryDecode(string topic, ReadOnlySpan<byte> payload, string prefix, long nowUnixSeconds,
        out DecodedPack? pack, out string reason) => TryDecode(topic, payload, prefix, nowUnixSeconds, out pack, out reason, out _);

    /// <summary>
    /// As above; <paramref name="retryable"/> is true when the rejection depends on the gateway's clock (a time more
    /// than <see cref="MaxFutureSeconds"/> ahead of it: a gateway whose clock is behind, before NTP sync), so the same
    /// payload may decode later and must not be acknowledged as final. Every other reason is about the bytes: final.
    /// </summary>
    public static bool TryDecode(string topic, ReadOnlySpan<byte> payload, string prefix, long nowUnixSeconds,
        out DecodedPack? pack, out string reason, out bool retryable)
    {
        pack = null;
        reason = "";
        retryable = false;
        if (!GatewayTopics.TryParse(topic, prefix, out TopicInfo? info) || info!.Kind != "state")
        {
            reason = $"topic '{OneLine(topic)}' is not a '{prefix}/<node>/state' topic";
            return false;
        }
        if (payload.Length > MaxPayloadBytes)
        {
            reason = $"payload of {payload.Length} bytes exceeds {MaxPayloadBytes}";
            return false;
        }
        if (!Utf8.IsValid(payload))
        {
            reason = "payload is not valid UTF-8";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray(), Options);
        }
        catch (Exception e)
        {
            // JsonException for syntax, also NaN/Infinity literals and duplicate keys; nothing else is expected.
            reason = "payload is not JSON: " + OneLine(e.Message);
            return false;
        }

        using (document)
        {
            try
            {
                pack = new PackResolver(info.NodeId, nowUnixSeconds).Resolve(document.RootElement);
                return true;
            }
            catch (RejectedPackException e)
            {
                reason = e.Message;
                retryable = e.Retryable;
                return false;
            }
            catch (Exception e)
            {
                reason = "payload could not be decoded: " + OneLine(e.Message);
                return false;
            }
        }
    }

    internal static string OneLine(string? text)
    {
        if (text == null)
        {
            return "";
        }
        string line = string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
        return line.Length <= 200 ? line : line.Substring(0, 200) + "...";
    }

    /// <summary>Resolves one pack; throws <see cref="RejectedPackException"/> on the first violation.</summary>
    private sealed class PackResolver(string nodeId, long nowUnixSeconds)
    {
        private readonly List<DecodedReading> _readings = new();
        private readonly HashSet<uint> _sequences = new();
        private readonly Dictionary<string, double> _energy = new();
        private long? _energyTime;
        private ReadingBuilder? _current;

        // Base fields in force (RFC 8428 section 4.1): they apply to their record and all later ones.
        private string _baseName = "";
        private long _baseTime;
        private string? _baseUnit;
        private double _baseValue;

        internal DecodedPack Resolve(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new RejectedPackException($"not a SenML pack: JSON {Kind(root.ValueKind)}, array expected");
            }
            int index = 0;
            foreach (JsonElement record in root.EnumerateArray())
            {
                ResolveRecord(record, index++);
            }
            if (index == 0)
            {
                throw new RejectedPackException("empty SenML pack");
            }
            Flush();
            DecodedEnergy? energy = _energy.Count == 0
                ? null
                : new DecodedEnergy(_energyTime, Get(SenmlNames.StoredEnergy), Get(SenmlNames.WakeEnergy), Get(SenmlNames.HarvestPower),
                    _energy.TryGetValue(SenmlNames.Dropped, out double dropped) ? (long)dropped : null,
                    _energy.TryGetValue(SenmlNames.Watch, out double watch) && watch > 0 ? (int)watch : null,
                    _energy.ContainsKey(SenmlNames.WatchActive))
                {
                    PolicyVersion = _energy.TryGetValue(SenmlNames.PolicyVersion, out double version) ? (uint)version : null,
                };
            return new DecodedPack(nodeId, _readings, energy);
        }

        private double? Get(string name) => _energy.TryGetValue(name, out double value) ? value : null;

        private void ResolveRecord(JsonElement record, int index)
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw Reject(index, $"is a JSON {Kind(record.ValueKind)}, object expected");
            }
            string name = "";
            string? unit = null;
            double? value = null;
            long time = 0;
            foreach (JsonProperty field in record.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "bn": _baseName = String(field, index); break;
                    case "bt": _baseTime = Time(field, index); break;
                    case "bu": _baseUnit = String(field, index); break;
                    case "bv": _baseValue = Number(field, index); break;
                    case "bver": Number(field, index); break;
                    case "n": name = String(field, index); break;
                    case "u": unit = String(field, index); break;
                    case "v": value = Number(field, index); break;
                    case "t": time = Time(field, index); break;
                    case "vs" or "vb" or "vd":
                        throw Reject(index, $"has a '{field.Name}' value; sensor nodes send numbers in 'v' only");
                    default:
                        // RFC 8428 section 4.4: names ending in '_' must be understood; other extensions may be ignored.
                        if (field.Name.EndsWith('_'))
                        {
                            throw Reject(index, $"has the must-understand field '{OneLine(field.Name)}'");
                        }
                        break;
                }
            }

            string local = LocalName(_baseName + name, index);
            if (!SenmlNames.TryGetUnit(local, out string? expectedUnit))
            {
                throw Reject(index, $"has the unknown name '{OneLine(local)}'");
            }
            string? resolvedUnit = unit ?? _baseUnit;
            if (resolvedUnit != expectedUnit)
            {
                throw Reject(index, $"{local} in unit '{OneLine(resolvedUnit ?? "(none)")}', expected '{expectedUnit ?? "(none)"}'");
            }
            if (value == null)
            {
                throw Reject(index, $"{local} has no numeric 'v'");
            }
            double resolvedValue = _baseValue + value.Value;
            long? resolvedTime = ResolveTime(_baseTime + time, index);
            SenmlNames.CheckRange(local, resolvedValue, index);
            Apply(local, resolvedValue, resolvedTime, index);
        }

        private void Apply(string local, double value, long? time, int index)
        {
            if (SenmlNames.IsEnergy(local))
            {
                if (_current != null || _readings.Count > 0)
                {
                    throw Reject(index, $"{local} after the first seq record; energy records come first");
                }
                if (!_energy.TryAdd(local, value))
                {
                    throw Reject(index, $"duplicated {local}");
                }
                if (_energy.Count > 1 && _energyTime != time)
                {
                    throw Reject(index, $"{local} at another time than the other energy records");
                }
                _energyTime = time;
                return;
            }
            if (local == SenmlNames.Seq)
            {
                uint seq = (uint)value;
                if (!_sequences.Add(seq))
                {
                    throw Reject(index, $"duplicated seq {seq} in one pack");
                }
                Flush();
                _current = new ReadingBuilder(seq, time);
                return;
            }
            if (_current == null)
            {
                throw Reject(index, $"{local} before any seq record");
            }
            if (_current.Time != time)
            {
                throw Reject(index, $"{local} of seq {_current.Sequence} at time {time?.ToString() ?? "unknown"}, its seq record at {_current.Time?.ToString() ?? "unknown"}");
            }
            if (!_current.Values.TryAdd(local, value))
            {
                throw Reject(index, $"duplicated {local} in seq {_current.Sequence}");
            }
        }

        private void Flush()
        {
            if (_current == null)
            {
                return;
            }
            var v = _current.Values;
            double? Value(string name) => v.TryGetValue(name, out double x) ? x : null;
            _readings.Add(new DecodedReading(nodeId, _current.Sequence, _current.Time,
                Value(SenmlNames.Temperature), Value(SenmlNames.Humidity), Value(SenmlNames.Illuminance),
                Value(SenmlNames.Supercap), v.TryGetValue(SenmlNames.Motion, out double motion) ? (int)motion : null,
                v.TryGetValue(SenmlNames.Armed, out double armed) ? (int)armed : null, v.ContainsKey(SenmlNames.Brownout))
            {
                FirstMotionAgeSeconds = v.TryGetValue(SenmlNames.MotionFirst, out double first) ? (int)first : null,
                LastMotionAgeSeconds = v.TryGetValue(SenmlNames.MotionLast, out double last) ? (int)last : null,
            });
            _current = null;
        }

        // "urn:dev:sensornode:<node>:<name>" -> "<name>", after checking <node> against the topic.
        private string LocalName(string fullName, int index)
        {
            if (!fullName.StartsWith(NamePrefix, StringComparison.Ordinal))
            {
                throw Reject(index, $"name '{OneLine(fullName)}' does not start with '{NamePrefix}' (bn missing or foreign)");
            }
            string rest = fullName.Substring(NamePrefix.Length);
            int colon = rest.IndexOf(':');
            string named = colon < 0 ? rest : rest.Substring(0, colon);
            if (named != nodeId)
            {
                throw Reject(index, $"bn/n names node '{OneLine(named)}' but the topic is node '{nodeId}'");
            }
            return colon < 0 ? "" : rest.Substring(colon + 1);
        }

        private long? ResolveTime(long resolved, int index)
        {
            if (resolved == 0)
            {
                return null; // RFC 8428 "roughly now" = docs/mqtt.md "time unknown"
            }
            if (resolved < RelativeTimeLimit)
            {
                throw Reject(index, $"relative time {resolved} (bt + t below 2^28); nodes send Unix seconds or bt 0");
            }
            if (resolved > nowUnixSeconds + MaxFutureSeconds)
            {
                throw new RejectedPackException($"record {index}: time {resolved} is {resolved - nowUnixSeconds} s in the future (at most {MaxFutureSeconds})", retryable: true);
            }
            return resolved;
        }

        private static string String(JsonProperty field, int index) =>
            field.Value.ValueKind == JsonValueKind.String
                ? field.Value.GetString()!
                : throw Reject(index, $"'{field.Name}' is a JSON {Kind(field.Value.ValueKind)}, string expected");

        private static double Number(JsonProperty field, int index)
        {
            if (field.Value.ValueKind != JsonValueKind.Number)
            {
                throw Reject(index, $"'{field.Name}' is a JSON {Kind(field.Value.ValueKind)}, number expected");
            }
            if (!field.Value.TryGetDouble(out double number) || !double.IsFinite(number) || Math.Abs(number) > 1e15)
            {
                throw Reject(index, $"'{field.Name}' {OneLine(field.Value.GetRawText())} is out of range");
            }
            return number;
        }

        private static long Time(JsonProperty field, int index)
        {
            double number = Number(field, index);
            if (Math.Abs(number) > MaxAbsTime || Math.Floor(number) != number)
            {
                throw Reject(index, $"'{field.Name}' {OneLine(field.Value.GetRawText())} is not whole seconds within +-1e11");
            }
            return (long)number;
        }

        private static string Kind(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Null => "null",
            _ => "value",
        };
    }

    internal static RejectedPackException Reject(int index, string message) => new($"record {index}: {message}");

    private sealed class ReadingBuilder(uint sequence, long? time)
    {
        internal uint Sequence { get; } = sequence;
        internal long? Time { get; } = time;
        // Sized for every reading field at once: growing it record by record rehashed its keys (a tenth of decoding).
        internal Dictionary<string, double> Values { get; } = new(16);
    }
}
