using System.Globalization;
using System.Text;
using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Building;

/// <summary>One MQTT message a room's node got through to the broker.</summary>
/// <param name="Topic">As published ("&lt;prefix&gt;/&lt;node&gt;/state").</param>
/// <param name="Payload">The SenML bytes.</param>
/// <param name="ArrivedUnixMilliseconds">When the broker accepted it, Unix ms (local-time convention, as the traces).</param>
public sealed record BuildingMessage(string Topic, byte[] Payload, long ArrivedUnixMilliseconds);

/// <summary>One room after a run.</summary>
public sealed class RoomRun
{
    public required RoomSpec Room { get; init; }
    public required string NodeId { get; init; }
    /// <summary>The room's environment as its node saw it: light and motion of the profile, temperature = room air + the node's calibration offset.</summary>
    public required EnvironmentTrace Environment { get; init; }
    /// <summary>True room air temperature per grid step, degC.</summary>
    public required float[] AirCelsius { get; init; }
    /// <summary>State messages the node delivered, in arrival order (empty when nodes were not run).</summary>
    public required IReadOnlyList<BuildingMessage> Messages { get; init; }
    public SimulationMetrics? Metrics { get; init; }
}

/// <summary>A simulated building after a run.</summary>
public sealed class BuildingRun
{
    public required BuildingSpec Spec { get; init; }
    public required IReadOnlyList<RoomRun> Rooms { get; init; }
    /// <summary>Outdoor temperature per grid step, degC.</summary>
    public required float[] OutdoorCelsius { get; init; }
}

/// <summary>
/// Runs a <see cref="BuildingSpec"/>: synthetic light and motion per room (its profile, seed derived from the
/// building seed and the room index), the thermal model over all rooms, then one <see cref="NodeSimulator"/>
/// per room running the real core with its policy on that room's environment; the state messages each node
/// gets through are kept for the gateway's store. Deterministic for a given spec, setup and seed.
/// </summary>
public static class BuildingSimulator
{
    /// <summary>Grid step of the rooms' environment, s.</summary>
    public const int StepSeconds = 60;

    /// <summary>The environment and temperatures only, no nodes (the 5-min reference, and tests).</summary>
    public static BuildingRun Environment(BuildingSpec spec) => Run(spec, null, null, null);

    /// <summary>
    /// The whole building with nodes. <paramref name="config"/> is the node template (each room's node gets
    /// "&lt;building&gt;-&lt;room&gt;" as id); <paramref name="maxParallelism"/> 0: all cores.
    /// </summary>
    public static BuildingRun Run(BuildingSpec spec, NodeConfig? config, HardwareProfile? profile, PolicySpec? policy, int maxParallelism = 0)
    {
        spec.Validate();
        int n = spec.Rooms.Count;
        var traces = new EnvironmentTrace[n];
        for (int i = 0; i < n; i++)
            traces[i] = SyntheticEnvironment.Generate(spec.Rooms[i].Kind, spec.StartUnixSeconds, spec.Days, unchecked(spec.Seed * 1009 + i), StepSeconds);
        float[] outdoor = ThermalModel.Outdoor(spec, traces[0].StartUnixSeconds, StepSeconds, traces[0].StepCount);
        ThermalModel.RoomConstants[] constants = ThermalModel.Constants(spec);
        float[][] air = ThermalModel.Run(spec, traces, outdoor, constants);

        var rooms = new RoomRun[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : System.Environment.ProcessorCount };
        Parallel.For(0, n, options, i =>
        {
            EnvironmentTrace source = traces[i];
            float offset = (float)constants[i].NodeSensorOffsetCelsius;
            float[] seen = air[i].Select(v => v + offset).ToArray();
            var env = new EnvironmentTrace($"{spec.Name}/{spec.Rooms[i].Name}", source.StartUnixSeconds, source.StepSeconds, source.IlluminanceLux,
                seen, source.HumidityPercent, source.MotionEventUnixSeconds, source.Diagnostics);
            string nodeId = NodeId(spec, i);
            var messages = new List<BuildingMessage>();
            SimulationMetrics? metrics = null;
            if (config != null && profile != null)
            {
                var setup = new SimulationSetup
                {
                    Config = FleetSimulator.WithNodeId(config, nodeId), Profile = profile, Environment = env,
                    Policy = policy ?? PolicySpec.BuiltIn(), Seed = spec.Seed,
                };
                var simulator = new NodeSimulator(setup, i, recordTimeline: false);
                var bookkeeping = simulator.Node.Broker.OnMessage;
                simulator.Node.Broker.OnMessage = (topic, payload, arrivedMs) =>
                {
                    bookkeeping?.Invoke(topic, payload, arrivedMs);
                    if (topic.EndsWith("/state", StringComparison.Ordinal)) messages.Add(new BuildingMessage(topic, payload.ToArray(), arrivedMs));
                };
                metrics = simulator.Run().Metrics;
            }
            rooms[i] = new RoomRun { Room = spec.Rooms[i], NodeId = nodeId, Environment = env, AirCelsius = air[i], Messages = messages, Metrics = metrics };
        });
        return new BuildingRun { Spec = spec, Rooms = rooms, OutdoorCelsius = outdoor };
    }

    /// <summary>"&lt;building&gt;-&lt;room&gt;" cut to the core's 32-char node-id rule, other characters replaced by '_'.</summary>
    public static string NodeId(BuildingSpec spec, int room)
    {
        string raw = $"{spec.Name}-{spec.Rooms[room].Name}";
        var id = new StringBuilder();
        foreach (char c in raw) id.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_');
        return id.Length > 32 ? id.ToString(id.Length - 32, 32) : id.ToString();
    }

    /// <summary>The truth: one CSV line per injected fault (room, node, kind, start day and date, magnitude).</summary>
    public static string TruthCsv(BuildingSpec spec)
    {
        var csv = new StringBuilder("building,room,node_id,fault,start_day,start_date,magnitude\n");
        foreach (RoomFault f in spec.Faults.OrderBy(f => f.Room))
        {
            string date = UnixTime.ToDateTime(spec.StartUnixSeconds + f.StartDay * 86_400L).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{spec.Name},{spec.Rooms[f.Room].Name},{NodeId(spec, f.Room)},{RoomFault.Name(f.Kind)},{f.StartDay},{date},{f.Magnitude}\n");
        }
        return csv.ToString();
    }

    /// <summary>Hourly truth per room: mean air temperature and the outdoor temperature, for plots and checks.</summary>
    public static string HourlyCsv(BuildingRun run)
    {
        var csv = new StringBuilder("unix_s,outdoor_c," + string.Join(",", run.Rooms.Select(r => r.Room.Name)) + "\n");
        EnvironmentTrace grid = run.Rooms[0].Environment;
        int perHour = 3600 / grid.StepSeconds;
        for (int step = 0; step + perHour <= grid.StepCount; step += perHour)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{grid.StartUnixSeconds + (long)step * grid.StepSeconds},{Mean(run.OutdoorCelsius, step, perHour):F2}");
            foreach (RoomRun room in run.Rooms) csv.Append(CultureInfo.InvariantCulture, $",{Mean(room.AirCelsius, step, perHour):F2}");
            csv.Append('\n');
        }
        return csv.ToString();
    }

    private static double Mean(float[] values, int from, int count)
    {
        double sum = 0;
        for (int i = from; i < from + count; i++) sum += values[i];
        return sum / count;
    }
}
