using System.Reflection;
using System.Text.Json;

namespace SensorNode.Simulation.Physics;

/// <summary>A hardware profile problem, with the file and field it is about.</summary>
public sealed class ProfileException(string message) : Exception(message);

/// <summary>
/// Every electrical and timing figure the simulator uses, read from a profile file in which each figure
/// carries its source or a stated assumption (Profiles/default.json is the reference design, embedded).
/// </summary>
public sealed class HardwareProfile
{
    public string Name { get; private set; } = "";
    public string SourcePath { get; private set; } = "";
    public IReadOnlyDictionary<string, string> Sources { get; private set; } = new Dictionary<string, string>();

    public double SupercapCapacitanceMillifarads { get; private set; }
    public double SupercapEsrMilliohms { get; private set; }
    public double SupercapMaxMillivolts { get; private set; }
    public double SupercapLeakageMicroampsAtMax { get; private set; }
    public double SupercapLeakageExponent { get; private set; }
    public double BrownoutMillivolts { get; private set; }
    public double ColdstartMillivolts { get; private set; }
    public double PvMicroampsPerLux { get; private set; }
    public double PvMppMillivolts { get; private set; }
    public double PvMppCurrentFraction { get; private set; }
    public double HarvesterEfficiency { get; private set; }
    public double HarvesterMinInputMicrowatts { get; private set; }
    /// <summary>Deep-sleep current with the PIR wake (ext0) armed, uA; also the figure the policies' energy model uses.</summary>
    public double DeepSleepMicroamps { get; private set; }
    /// <summary>Deep-sleep current with only the RTC timer armed (the PIR still attached), uA.</summary>
    public double DeepSleepTimerOnlyMicroamps { get; private set; }
    public double BootMilliseconds { get; private set; }
    public double BootMilliamps { get; private set; }
    public double ActiveMilliamps { get; private set; }
    public double ComputeMilliseconds { get; private set; }
    public double FlashWriteMillijoulesPerWrite { get; private set; }
    public double FlashWriteMicrojoulesPerByte { get; private set; }
    public double WifiStaticAssociateMilliseconds { get; private set; }
    public double WifiDhcpAssociateMilliseconds { get; private set; }
    public double RadioMilliamps { get; private set; }
    public double RadioPeakMilliamps { get; private set; }
    public double MqttConnectMilliseconds { get; private set; }
    public double MqttAckMilliseconds { get; private set; }
    public double RadioMicrosecondsPerByte { get; private set; }
    public double PirHoldSeconds { get; private set; }

    /// <summary>
    /// True models nanoCLR starting the radio and associating at every boot, before Main, because the stored
    /// Wi-Fi station configuration is enabled (shared research/device-truth-audit.md 6.2). Every wake then pays
    /// <see cref="BootAssociateMilliseconds"/> at <see cref="BootAssociateMilliamps"/> (phase BootAssociate).
    /// </summary>
    public bool BootRadioAssociates { get; private set; }
    public double BootAssociateMilliseconds { get; private set; }
    public double BootAssociateMilliamps { get; private set; }

    /// <summary>Rate error of the ESP32's internal sleep clock (RC oscillator), ppm: drifts the node's own time between syncs.</summary>
    public double RcClockDriftPpm { get; private set; }
    /// <summary>Rate error of the event RTC's crystal, ppm (used only with [rtc] in the config).</summary>
    public double RtcCrystalDriftPpm { get; private set; }
    /// <summary>Supply current of the event RTC, uA, added to every sleep of a node with [rtc].</summary>
    public double RtcMicroamps { get; private set; }
    /// <summary>
    /// Sleep current of a node whose event RTC switches the ESP32 off ([rtc] power_hold_pin), uA, besides the RTC's own:
    /// what stays powered (the PIR, the LDO's quiescent current, the load switch's leakage). -1 when the profile does not
    /// give it: such a node then sleeps at <see cref="DeepSleepTimerOnlyMicroamps"/>, as if the switch saved nothing.
    /// </summary>
    public double GatedSleepMicroamps { get; private set; }

    // Figures a profile may leave out (profiles written before the event RTC): key, range, default, and where it goes.
    private static readonly (string Key, double Min, double Max, double Default, Action<HardwareProfile, double> Set)[] OptionalFields =
    {
        ("rc_clock_drift_ppm", -200000, 200000, 0, (p, v) => p.RcClockDriftPpm = v),
        ("rtc_crystal_drift_ppm", -1000, 1000, 0, (p, v) => p.RtcCrystalDriftPpm = v),
        ("rtc_microamps", 0, 1000, 0, (p, v) => p.RtcMicroamps = v),
        ("gated_sleep_microamps", -1, 1e5, -1, (p, v) => p.GatedSleepMicroamps = v),
    };

    // Each figure's key, its valid range, and where it goes.
    private static readonly (string Key, double Min, double Max, Action<HardwareProfile, double> Set)[] Fields =
    {
        ("supercap_capacitance_millifarads", 1, 1e6, (p, v) => p.SupercapCapacitanceMillifarads = v),
        ("supercap_esr_milliohms", 0, 1e5, (p, v) => p.SupercapEsrMilliohms = v),
        ("supercap_max_millivolts", 1000, 20000, (p, v) => p.SupercapMaxMillivolts = v),
        ("supercap_leakage_microamps_at_max", 0, 1e4, (p, v) => p.SupercapLeakageMicroampsAtMax = v),
        ("supercap_leakage_exponent", 0, 10, (p, v) => p.SupercapLeakageExponent = v),
        ("brownout_millivolts", 500, 20000, (p, v) => p.BrownoutMillivolts = v),
        ("coldstart_millivolts", 500, 20000, (p, v) => p.ColdstartMillivolts = v),
        ("pv_microamps_per_lux", 0, 1e3, (p, v) => p.PvMicroampsPerLux = v),
        ("pv_mpp_millivolts", 100, 50000, (p, v) => p.PvMppMillivolts = v),
        ("pv_mpp_current_fraction", 0, 1, (p, v) => p.PvMppCurrentFraction = v),
        ("harvester_efficiency", 0, 1, (p, v) => p.HarvesterEfficiency = v),
        ("harvester_min_input_microwatts", 0, 1e6, (p, v) => p.HarvesterMinInputMicrowatts = v),
        ("deep_sleep_microamps", 0, 1e5, (p, v) => p.DeepSleepMicroamps = v),
        ("deep_sleep_timer_only_microamps", 0, 1e5, (p, v) => p.DeepSleepTimerOnlyMicroamps = v),
        ("boot_milliseconds", 0, 60000, (p, v) => p.BootMilliseconds = v),
        ("boot_milliamps", 0, 2000, (p, v) => p.BootMilliamps = v),
        ("active_milliamps", 0, 2000, (p, v) => p.ActiveMilliamps = v),
        ("compute_milliseconds", 0, 60000, (p, v) => p.ComputeMilliseconds = v),
        ("flash_write_millijoules_per_write", 0, 1000, (p, v) => p.FlashWriteMillijoulesPerWrite = v),
        ("flash_write_microjoules_per_byte", 0, 1000, (p, v) => p.FlashWriteMicrojoulesPerByte = v),
        ("wifi_static_associate_milliseconds", 0, 120000, (p, v) => p.WifiStaticAssociateMilliseconds = v),
        ("wifi_dhcp_associate_milliseconds", 0, 120000, (p, v) => p.WifiDhcpAssociateMilliseconds = v),
        ("radio_milliamps", 0, 2000, (p, v) => p.RadioMilliamps = v),
        ("radio_peak_milliamps", 0, 2000, (p, v) => p.RadioPeakMilliamps = v),
        ("mqtt_connect_milliseconds", 0, 120000, (p, v) => p.MqttConnectMilliseconds = v),
        ("mqtt_ack_milliseconds", 0, 120000, (p, v) => p.MqttAckMilliseconds = v),
        ("radio_microseconds_per_byte", 0, 1e6, (p, v) => p.RadioMicrosecondsPerByte = v),
        ("pir_hold_seconds", 0, 3600, (p, v) => p.PirHoldSeconds = v),
        ("boot_associate_milliseconds", 0, 120000, (p, v) => p.BootAssociateMilliseconds = v),
        ("boot_associate_milliamps", 0, 2000, (p, v) => p.BootAssociateMilliamps = v),
    };

    // Each yes/no option's key and where it goes; its value is a JSON true/false.
    private static readonly (string Key, Action<HardwareProfile, bool> Set)[] Options =
    {
        ("boot_radio_associates", (p, v) => p.BootRadioAssociates = v),
    };

    /// <summary>Every numeric figure's key with its valid range, in profile order.</summary>
    public static IReadOnlyList<(string Key, double Min, double Max)> FigureRanges { get; } =
        Fields.Select(f => (f.Key, f.Min, f.Max)).Concat(OptionalFields.Select(f => (f.Key, f.Min, f.Max))).ToList();

    // The keys a profile's top-level object may have: every figure goes under "figures".
    private static readonly string[] TopLevelKeys = ["name", "description", "figures"];

    /// <summary>Every yes/no option's key.</summary>
    public static IReadOnlyList<string> OptionKeys { get; } = Options.Select(o => o.Key).ToList();

    /// <summary>The embedded reference-design profile.</summary>
    public static HardwareProfile Default() => Parse(DefaultJson(), DefaultName);

    /// <summary>How errors and derived profiles name the embedded reference-design profile.</summary>
    public const string DefaultName = "(embedded default profile)";

    /// <summary>The embedded reference-design profile's JSON text (Profiles/default.json).</summary>
    public static string DefaultJson()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SensorNode.Simulation.Profiles.default.json")
            ?? throw new InvalidOperationException("embedded default profile missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a profile file. Throws <see cref="ProfileException"/> naming the file and every bad field.</summary>
    public static HardwareProfile Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProfileException($"{path}: cannot read the profile: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses profile JSON; <paramref name="sourceName"/> names it in errors.</summary>
    public static HardwareProfile Parse(string json, string sourceName)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            throw new ProfileException($"{sourceName}:line {e.LineNumber + 1}: not valid JSON: {e.Message}");
        }
        using (doc)
        {
            var errors = new List<string>();
            JsonElement root = doc.RootElement;
            var known = Fields.Select(f => f.Key).Concat(Options.Select(o => o.Key)).Concat(OptionalFields.Select(o => o.Key)).ToHashSet();
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("figures", out JsonElement figures) || figures.ValueKind != JsonValueKind.Object)
            {
                throw new ProfileException($"{sourceName}: expected an object with a \"figures\" object");
            }
            var topLevel = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty prop in root.EnumerateObject())
            {
                // JSON leaves a repeated key to the reader (ours would take one of the two silently): an error.
                if (!topLevel.Add(prop.Name)) errors.Add($"{sourceName}: {prop.Name}: given twice");
                // A figure written beside "figures" instead of inside it would otherwise be ignored and the run would
                // silently use the base value.
                if (!TopLevelKeys.Contains(prop.Name))
                {
                    string hint = known.Contains(prop.Name) ? $"; move it into \"figures\" as figures.{prop.Name}" : "";
                    errors.Add($"{sourceName}: {prop.Name}: unknown top-level key (known: {string.Join(", ", TopLevelKeys)}){hint}");
                }
            }
            string name = root.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileNameWithoutExtension(sourceName);
            var profile = new HardwareProfile { Name = name, SourcePath = sourceName };
            var sources = new Dictionary<string, string>();
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty prop in figures.EnumerateObject())
            {
                if (!given.Add(prop.Name)) errors.Add($"{sourceName}: figures.{prop.Name}: given twice; keep one");
                if (!known.Contains(prop.Name)) errors.Add($"{sourceName}: figures.{prop.Name}: unknown figure (known: {string.Join(", ", known.Order())})");
            }
            foreach (var (key, min, max, set) in Fields)
            {
                if (!figures.TryGetProperty(key, out JsonElement figure))
                {
                    errors.Add($"{sourceName}: figures.{key}: missing");
                    continue;
                }
                if (figure.ValueKind != JsonValueKind.Object || !figure.TryGetProperty("value", out JsonElement value) || value.ValueKind != JsonValueKind.Number)
                {
                    errors.Add($"{sourceName}: figures.{key}: expected {{ \"value\": <number>, \"source\": \"...\" }}");
                    continue;
                }
                if (!figure.TryGetProperty("source", out JsonElement source) || source.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(source.GetString()))
                {
                    errors.Add($"{sourceName}: figures.{key}: every figure needs a \"source\" (a reference or a stated assumption)");
                    continue;
                }
                double v = value.GetDouble();
                if (v < min || v > max)
                {
                    errors.Add($"{sourceName}: figures.{key}: {v} is outside {min}..{max}");
                    continue;
                }
                set(profile, v);
                sources[key] = source.GetString()!;
            }
            foreach (var (key, min, max, fallback, set) in OptionalFields)
            {
                set(profile, fallback);
                if (!figures.TryGetProperty(key, out JsonElement figure)) continue; // absent: the default (no drift, no RTC current)
                if (figure.ValueKind != JsonValueKind.Object || !figure.TryGetProperty("value", out JsonElement value) || value.ValueKind != JsonValueKind.Number
                    || !figure.TryGetProperty("source", out JsonElement source) || source.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(source.GetString()))
                {
                    errors.Add($"{sourceName}: figures.{key}: expected {{ \"value\": <number>, \"source\": \"...\" }}");
                    continue;
                }
                double v = value.GetDouble();
                if (v < min || v > max)
                {
                    errors.Add($"{sourceName}: figures.{key}: {v} is outside {min}..{max}");
                    continue;
                }
                set(profile, v);
                sources[key] = source.GetString()!;
            }
            foreach (var (key, set) in Options)
            {
                if (!figures.TryGetProperty(key, out JsonElement figure))
                {
                    errors.Add($"{sourceName}: figures.{key}: missing");
                    continue;
                }
                if (figure.ValueKind != JsonValueKind.Object || !figure.TryGetProperty("value", out JsonElement value) || value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{sourceName}: figures.{key}: expected {{ \"value\": true|false, \"source\": \"...\" }}");
                    continue;
                }
                if (!figure.TryGetProperty("source", out JsonElement source) || source.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(source.GetString()))
                {
                    errors.Add($"{sourceName}: figures.{key}: every figure needs a \"source\" (a reference or a stated assumption)");
                    continue;
                }
                set(profile, value.GetBoolean());
                sources[key] = source.GetString()!;
            }
            if (errors.Count == 0)
            {
                if (profile.BrownoutMillivolts >= profile.ColdstartMillivolts) errors.Add($"{sourceName}: figures.coldstart_millivolts: must be above brownout_millivolts");
                if (profile.ColdstartMillivolts >= profile.SupercapMaxMillivolts) errors.Add($"{sourceName}: figures.supercap_max_millivolts: must be above coldstart_millivolts");
            }
            if (errors.Count > 0) throw new ProfileException(string.Join(System.Environment.NewLine, errors));
            profile.Sources = sources;
            return profile;
        }
    }
}
