using System.CommandLine;
using SensorNode.Simulation.Physics;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode profile --from-bench FILE --out FILE</c>: a hardware profile made from bench measurements
/// (docs/device-build.md, "Bench bring-up"), which <c>sensornode simulate --profile</c> then takes.
/// </summary>
public static class ProfileCommand
{
    public static Command Build() => new Command("profile", "a hardware profile for `simulate --profile` from bench measurements (docs/device-build.md, \"Bench bring-up\")").WithDetails("""
        The measurements file: one measurement a line, a hardware-profile key, '=', the value and its unit, and
        optionally '# how it was measured':

            name = board-07
            boot_milliseconds = 512 ms          # scope: 3V3 rise to boot_marker rise, timer wake, mean of 20
            deep_sleep_microamps = 11.8 uA      # ext0 armed, PIR attached, 60 s average
            boot_radio_associates = no          # no association burst before the marker (B4)

        Units by the key's ending: _milliseconds ms|s|us, _microamps uA|nA|mA, _milliamps mA|A|uA, _millivolts mV|V,
        _seconds s|ms, _millifarads mF|F, _milliohms mOhm|Ohm, _microwatts uW|mW; yes/no for boot_radio_associates;
        a plain number for exponents, fractions and efficiencies. Every value is checked against the profile's range
        (errors as FILE:LINE); an unknown key is refused. A figure the file does not give keeps the base profile's
        value, and its source says "reference figure, not measured on this board"; the command lists them.
        """).Options(
        CliOption.Text("--from-bench", "the measurements file", "FILE").IsRequired(),
        CliOption.Out("the profile JSON to write", "FILE").IsRequired(),
        CliOption.Text("--base", "the profile the unmeasured figures come from (default: the embedded reference design)", "PROFILE")).With(Run);

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string benchPath = options.Get("from-bench") ?? throw new UsageException("--from-bench FILE is required");
        string outPath = options.Get("out") ?? throw new UsageException("--out FILE is required");
        OutputPaths.PrepareFile("out", outPath);
        string? basePath = options.Get("base");

        string benchText, baseJson;
        try
        {
            benchText = File.ReadAllText(benchPath);
            baseJson = basePath == null ? HardwareProfile.DefaultJson() : File.ReadAllText(basePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e.Message);
        }

        string json;
        BenchMeasurements bench;
        try
        {
            bench = BenchMeasurements.Parse(benchText, benchPath);
            json = bench.ToProfileJson(baseJson, basePath ?? HardwareProfile.DefaultName);
        }
        catch (ProfileException e)
        {
            error.WriteLine(e.Message);
            return CommandLine.Failed;
        }

        string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir != null) Directory.CreateDirectory(dir);
        File.WriteAllText(outPath, json);
        output.WriteLine($"wrote {outPath}: profile '{HardwareProfile.Load(outPath).Name}'");
        output.WriteLine($"measured ({bench.Measurements.Count}): {(bench.Measurements.Count > 0 ? string.Join(", ", bench.Measurements.Select(m => m.Key)) : "none")}");
        var unmeasured = bench.Unmeasured();
        output.WriteLine($"reference figures kept, not measured ({unmeasured.Count}): {string.Join(", ", unmeasured)}");
        output.WriteLine($"use it: sensornode simulate --profile {outPath}");
        return CommandLine.Ok;
    }
}
