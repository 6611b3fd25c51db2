using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Environment.Synthetic;

namespace SensorNode.Simulation.Building;

/// <summary>
/// The building's rooms as first-order RC nodes (docs/faults.md, "Thermal model"), integrated together with
/// explicit Euler on the traces' grid. Per room i, in degC per hour:
/// <code>
/// dT_i/dt = k_out,i (T_out - T_i) + k_nb * sum over neighbours j (T_j - T_i) + u_i + g_i
/// u_i = clamp(K_p e + I_i, 0, heat_i) - clamp(K_p (T_meas - sp_cool), 0, cool_i),  e = sp_heat - T_meas   (faults change it)
/// dI_i/dt = K_i e while |K_p e| is below the capacity (conditional integration), I_i in [0, heat_i]
/// g_i = occupants (motion in the last 20 min) + lamps and daylight from the room's light
/// </code>
/// Room constants are drawn once per room from the building seed (ranges in the constants below).
/// </summary>
public static class ThermalModel
{
    /// <summary>Envelope time constant range, h (k_out = 1/tau); window-side rooms lose 30 % more.</summary>
    public const double EnvelopeHoursMin = 16, EnvelopeHoursMax = 28;
    /// <summary>Conductance to each neighbour, 1/h.</summary>
    public const double NeighbourPerHour = 0.12;
    /// <summary>Thermostat gain, degC/h per degC of error.</summary>
    public const double ControllerGainPerHour = 2.0;
    /// <summary>Integral gain of the heating loop, degC/h per degC-hour: holds the setpoint without droop, and makes a thermostat reading the wrong space drift.</summary>
    public const double ControllerIntegralPerHour = 0.3;
    /// <summary>Heating capacity, degC/h (±10 % per room); cooling capacity, degC/h.</summary>
    public const double HeatCapacityPerHour = 2.0, CoolCapacityPerHour = 1.5;
    /// <summary>Heating rate of occupants, degC/h, while motion was seen in the last <see cref="OccupiedAfterMotionSeconds"/>.</summary>
    public const double OccupantGainPerHour = 0.3;
    public const int OccupiedAfterMotionSeconds = 1200;
    /// <summary>Lamps: degC/h per lx up to <see cref="LampLuxLimit"/>; daylight above it (sun through a window): degC/h per lx.</summary>
    public const double LampGainPerLux = 0.0003, LampLuxLimit = 1000, SolarGainPerLux = 0.00004;
    /// <summary>Cooling by ventilation air through a dead reheat coil while the air handler runs (comfort hours), degC/h.</summary>
    public const double VentilationCoolingPerHour = 0.5;
    /// <summary>Spread of the rooms' own thermostat settings around the schedule, degC (1 sigma, clamped to ±2 sigma).</summary>
    public const double SetpointSpreadCelsius = 0.3;
    /// <summary>Spread of the nodes' SHT3x calibration, degC (1 sigma; the datasheet's typical accuracy is ±0.2).</summary>
    public const double NodeSensorSpreadCelsius = 0.15;
    /// <summary>Outdoor weather: diurnal amplitude, degC (peak at 15:00); day-to-day offset AR(1) coefficient and sigma, degC.</summary>
    public const double OutdoorAmplitudeCelsius = 4, OutdoorDayCorrelation = 0.7, OutdoorDaySigmaCelsius = 2;

    /// <summary>Per-room constants drawn from the seed.</summary>
    public sealed record RoomConstants(double OutdoorPerHour, double HeatPerHour, double SetpointOffsetCelsius, double NodeSensorOffsetCelsius);

    /// <summary>Outdoor temperature on the grid of <paramref name="count"/> steps of <paramref name="stepSeconds"/> from <paramref name="start"/>, degC.</summary>
    public static float[] Outdoor(BuildingSpec spec, long start, int stepSeconds, int count)
    {
        var random = new Random(unchecked(spec.Seed * 31 + 5));
        int days = (int)((long)count * stepSeconds / 86_400) + 2;
        var offsets = new double[days];
        for (int d = 0; d < days; d++)
            offsets[d] = (d == 0 ? 0 : OutdoorDayCorrelation * offsets[d - 1]) + random.Gaussian(0, OutdoorDaySigmaCelsius);
        long firstDay = UnixTime.DayStart(start);
        var t = new float[count];
        for (int i = 0; i < count; i++)
        {
            long s = start + (long)i * stepSeconds;
            int d = (int)((s - firstDay) / 86_400);
            double fraction = (s - firstDay - d * 86_400L) / 86_400.0;
            double offset = offsets[d] + (offsets[d + 1] - offsets[d]) * fraction;
            t[i] = (float)(spec.OutdoorMeanCelsius + offset + OutdoorAmplitudeCelsius * Math.Cos(2 * Math.PI * (fraction * 24 - 15) / 24));
        }
        return t;
    }

    /// <summary>Draws every room's constants from the building seed (reproducible, independent of the fault list).</summary>
    public static RoomConstants[] Constants(BuildingSpec spec)
    {
        var random = new Random(unchecked(spec.Seed * 131 + 3));
        return spec.Rooms.Select(room =>
        {
            double outdoor = 1 / random.Uniform(EnvelopeHoursMin, EnvelopeHoursMax) * (room.Kind == SyntheticProfileKind.WindowSide ? 1.3 : 1);
            double heat = HeatCapacityPerHour * random.Uniform(0.9, 1.1);
            double setpoint = Math.Clamp(random.Gaussian(0, SetpointSpreadCelsius), -2 * SetpointSpreadCelsius, 2 * SetpointSpreadCelsius);
            double sensor = Math.Clamp(random.Gaussian(0, NodeSensorSpreadCelsius), -2 * NodeSensorSpreadCelsius, 2 * NodeSensorSpreadCelsius);
            return new RoomConstants(outdoor, heat, setpoint, sensor);
        }).ToArray();
    }

    /// <summary>
    /// Integrates every room over the traces' common grid (all traces must share start, step and length).
    /// Returns the true air temperature per room and step, degC. Rooms start at their occupied heating setpoint.
    /// </summary>
    public static float[][] Run(BuildingSpec spec, IReadOnlyList<EnvironmentTrace> rooms, float[] outdoor, RoomConstants[] constants)
    {
        int n = rooms.Count;
        EnvironmentTrace grid = rooms[0];
        int count = grid.StepCount;
        double dtHours = grid.StepSeconds / 3600.0;
        var faultOf = new RoomFault?[n];
        foreach (RoomFault f in spec.Faults) faultOf[f.Room] = f;

        var temperature = new float[n][];
        for (int i = 0; i < n; i++) temperature[i] = new float[count];
        var t = new double[n];
        var next = new double[n];
        var integral = new double[n];
        var lastMotion = new long[n];
        var motionIndex = new int[n];
        for (int i = 0; i < n; i++) { t[i] = spec.Schedule.ComfortHeatCelsius + constants[i].SetpointOffsetCelsius; lastMotion[i] = long.MinValue / 2; }

        for (int step = 0; step < count; step++)
        {
            long s = grid.StartUnixSeconds + (long)step * grid.StepSeconds;
            int day = (int)((UnixTime.DayStart(s) - UnixTime.DayStart(spec.StartUnixSeconds)) / 86_400);
            bool comfort = spec.Schedule.IsComfort(s);
            for (int i = 0; i < n; i++)
            {
                EnvironmentTrace room = rooms[i];
                long[] events = room.MotionEventUnixSeconds;
                while (motionIndex[i] < events.Length && events[motionIndex[i]] <= s) lastMotion[i] = events[motionIndex[i]++];
                RoomFault? fault = faultOf[i] is { } f && f.ActiveOn(day) ? f : null;

                bool roomComfort = comfort || fault?.Kind == HvacFaultKind.ScheduleError;
                double heatSp = (roomComfort ? spec.Schedule.ComfortHeatCelsius : spec.Schedule.SetbackHeatCelsius) + constants[i].SetpointOffsetCelsius;
                double coolSp = (roomComfort ? spec.Schedule.ComfortCoolCelsius : spec.Schedule.SetbackCoolCelsius) + constants[i].SetpointOffsetCelsius;
                double measured = fault?.Kind switch
                {
                    HvacFaultKind.SensorOffset => t[i] + fault.Magnitude,
                    HvacFaultKind.WrongSpace => t[i + 1 < n ? i + 1 : i - 1],
                    _ => t[i],
                };
                double error = heatSp - measured;
                if (Math.Abs(ControllerGainPerHour * error) < constants[i].HeatPerHour)
                    integral[i] = Math.Clamp(integral[i] + ControllerIntegralPerHour * error * dtHours, 0, constants[i].HeatPerHour);
                double heat = Math.Clamp(ControllerGainPerHour * error + integral[i], 0, constants[i].HeatPerHour);
                double cool = Math.Clamp(ControllerGainPerHour * (measured - coolSp), 0, CoolCapacityPerHour);
                double u = fault?.Kind switch
                {
                    HvacFaultKind.StuckOpenHot => constants[i].HeatPerHour * fault.Magnitude,
                    HvacFaultKind.StuckOpenCold => -CoolCapacityPerHour * fault.Magnitude,
                    HvacFaultKind.FailedReheat => -cool - (comfort ? VentilationCoolingPerHour : 0),
                    _ => heat - cool,
                };

                double lux = room.IlluminanceLux[step];
                double gains = (s - lastMotion[i] <= OccupiedAfterMotionSeconds ? OccupantGainPerHour : 0)
                             + LampGainPerLux * Math.Min(lux, LampLuxLimit) + SolarGainPerLux * Math.Max(0, lux - LampLuxLimit);
                double neighbours = 0;
                if (i > 0) neighbours += t[i - 1] - t[i];
                if (i + 1 < n) neighbours += t[i + 1] - t[i];
                double rate = constants[i].OutdoorPerHour * (outdoor[step] - t[i]) + NeighbourPerHour * neighbours + u + gains;
                next[i] = t[i] + rate * dtHours;
            }
            (t, next) = (next, t);
            for (int i = 0; i < n; i++) temperature[i][step] = (float)t[i];
        }
        return temperature;
    }
}
