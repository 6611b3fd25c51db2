namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// The calibrated parameters of the synthetic profiles, measured once from the Pible/ACES traces
/// (UCSD; Fraternali et al., Ember SenSys 2020 / ACES TOSN 2020) and kept here as constants: the
/// repository neither ships nor reads those traces. Hours are local clock hours of the buildings
/// (daylight saving time during all traces). docs/environment.md gives the derivations; the
/// numbers quoted below are what the traces showed on a 1-minute zero-order-hold grid.
/// Corridor numbers and a few other ones are assumptions, marked as such.
/// </summary>
internal static class SyntheticCalibration
{
    // ---- Office: ff66 (35 days, 2019-09-30..11-03, 1,153 PIR events) ----

    private static readonly QuantileTable OfficeOffHour = new((0, 18.35), (0.1, 18.92), (0.25, 19.15),
        (0.4, 19.88), (0.5, 20.42), (0.6, 21.81), (0.7, 22.62), (0.8, 22.99), (0.9, 23.99), (1, 26.13));

    /// <summary>
    /// ff66: all 25 weekdays had the lights on and 6 of 10 weekend days (Saturdays 4/5, Sundays 2/5).
    /// Weekday 0.97 instead of 1.0 is an assumption: about 8 public holidays a year.
    /// </summary>
    public static readonly OccupancyModel OfficeOccupancy = new(WeekdayProbability: 0.97, WeekendProbability: 0.6);

    /// <summary>
    /// ff66: night floor 5 lx (hour medians 0-6 h); lamps + floor 262 lx once daylight is gone
    /// (18-19 h medians 255-277 lx, i.e. lamps 257 lx, day-to-day spread ~6 lx).
    /// Switch-on times of the 24 weekdays (deciles: 8.00, 8.69, 8.75, 9.30, 9.71, 9.82, 10.12, 11.39,
    /// 12.95, 15.60 h), of the 6 occupied weekend days (9.18 .. 13.50 h) and switch-off times of 25
    /// weekdays (18.35 .. 26.13 h: 1 in 4 evenings the lights stay on past 22 h, 3 nights past midnight;
    /// the 6 weekend switch-offs, 18.75 .. 24.25 h, fall in the same range).
    /// </summary>
    public static readonly LightingModel OfficeLighting = new(
        FloorLux: 5,
        ArtificialLux: 257,
        ArtificialLuxStandardDeviation: 6,
        WeekdayOnHour: new QuantileTable((0, 8.00), (0.1, 8.69), (0.25, 8.75), (0.4, 9.30), (0.5, 9.71),
            (0.6, 9.82), (0.7, 10.12), (0.8, 11.39), (0.9, 12.95), (1, 15.60)),
        WeekendOnHour: new QuantileTable((0, 9.18), (0.25, 10.34), (0.5, 11.13), (0.75, 13.0), (1, 13.50)),
        WeekdayOffHour: OfficeOffHour,
        WeekendOffHour: OfficeOffHour);

    /// <summary>
    /// ff66 daylight above the floor, by hour, median of the days the lamps were off (Oct 6, 15, 16,
    /// 19): a window that gets the morning. 14 of the 15 observable mornings were within +-7 % of
    /// ~200 lx at 10 h, one (Oct 27) at 28 lx: clear 0.93 / cloudy 0.07 with factor 0.1-0.5.
    /// October only: no seasonal change is modelled for this profile.
    /// </summary>
    public static readonly DaylightModel OfficeDaylight = new WindowTableDaylight(
        new HourlyCurve(0, 0, 0, 0, 0, 0, 0, 9, 170, 203, 193, 170, 132, 86, 63, 36, 17, 9, 2, 0, 0, 0, 0, 0),
        clearProbability: 0.93,
        clearFactor: QuantileTable.Uniform(0.93, 1.07),
        cloudyFactor: QuantileTable.Uniform(0.1, 0.5),
        cloudyFlicker: QuantileTable.Uniform(0.7, 1.0));

    /// <summary>
    /// ff66 PIR events per hour of day (events / hours observed): occupied weekdays (39.25 a day,
    /// 972 events), occupied weekend days (28.2 a day, 169 events), empty weekend days (3.0 a day,
    /// 12 events, all 10-18 h). Daily weekday counts have variance 120 around 39: a per-day activity
    /// factor with standard deviation 0.23 (gamma shape ~19) reproduces that.
    /// </summary>
    public static readonly MotionModel OfficeMotion = new(
        WeekdayOccupied: new HourlyCurve(0.21, 0.12, 0, 0, 0.08, 0, 0, 0.25, 0.92, 1.88, 2.50, 3.42,
            3.20, 3.12, 3.96, 4.20, 3.80, 3.80, 3.28, 1.72, 1.36, 0.72, 0.56, 0.16),
        WeekendOccupied: new HourlyCurve(0.17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.67, 1.50,
            2.83, 2.67, 2.17, 2.83, 4.00, 2.50, 2.50, 2.50, 1.50, 1.33, 0.50, 0.50),
        Unoccupied: new HourlyCurve(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.375, 0.375,
            0.375, 0.375, 0.375, 0.375, 0.375, 0.375, 0, 0, 0, 0, 0, 0),
        ActivityStandardDeviation: 0.23);

    /// <summary>
    /// ff22 office (28 days, spring 2020): median 22.4 degC, hour medians 20.7 (7 h) to 24.3 (17 h),
    /// median daily range 2.7 degC, daily means sd 1.19; humidity median 55.6 %RH, lowest at 17-18 h,
    /// median daily range 7.3 %RH. Day-offset persistence 0.7 and humidity spread 4 %RH are assumptions.
    /// </summary>
    public static readonly ClimateModel OfficeClimate = new(
        MeanCelsius: 22.4, AmplitudeCelsius: 1.35, PeakHour: 17, DayOffsetStandardDeviationCelsius: 1.2,
        MeanHumidityPercent: 55.6, HumidityAmplitudePercent: 3.65, HumidityDayOffsetStandardDeviationPercent: 4,
        DayPersistence: 0.7);

    // ---- Window-side: aces-2124 (94 days, 2018-03-24..06-26, sensor capped at 2,000 lx) ----

    /// <summary>
    /// aces-2124, capped at 2000 lx: above 10 lx 6.08-20.07 h (842 min/day), above 1000 lx 660
    /// min/day, at the cap 427 min/day, capped mean 909 lx; midpoint of the >10 lx span 13.07 h, of
    /// the ~700 lx crossings 13.2 h. A grid search (peak 2500-4000 lx, exponent 0.5-1 of the cosine,
    /// twilight -0.6..+0.6 h, noon 13.1/13.2 h) with these day factors picked a plain half cosine with
    /// peak 3250 lx, noon 13.2 h, day length = astronomical at 32.9 deg N + 0.6 h: capped mean 905 lx,
    /// 839 / 655 / 451 min/day above 10 / 1000 / 2000 lx; its hour medians are within 300 lx of the
    /// trace's (the real curve is flatter-topped: lower at 8 h and 17 h, higher at 19 h).
    /// Day factor: minutes at the cap per day (p10 303, p90 540) give 0.8-1.25 on 90 % of days and
    /// 0.72-0.8 on the rest; the deeper cloudy days (0.35-0.8 with passing clouds) are an assumption
    /// for less sunny sites. ff90 (uncapped, a west window) peaks at 4,627 lx; here clear noons reach
    /// 2600-4060 lx.
    /// </summary>
    public static readonly DaylightModel WindowDaylight = new SolarArcDaylight(
        peakLux: 3250, latitudeDegrees: 32.9, solarNoonHour: 13.2, twilightHours: 0.6,
        clearProbability: 0.9,
        clearFactor: QuantileTable.Uniform(0.8, 1.25),
        cloudyFactor: QuantileTable.Uniform(0.35, 0.8),
        cloudyFlicker: QuantileTable.Uniform(0.7, 1.0));

    /// <summary>aces-2124 reads 0 lx at night (hour medians 21-5 h): no lamps, no floor.</summary>
    public static readonly LightingModel WindowLighting = new(
        FloorLux: 0, ArtificialLux: 0, ArtificialLuxStandardDeviation: 0,
        WeekdayOnHour: QuantileTable.Constant(8), WeekendOnHour: QuantileTable.Constant(8),
        WeekdayOffHour: QuantileTable.Constant(18), WeekendOffHour: QuantileTable.Constant(18));

    /// <summary>Assumption (aces-2124 has no PIR): a window-side spot sees 40 % of the office's motion.</summary>
    public static readonly MotionModel WindowMotion = OfficeMotion.Scaled(0.4);

    /// <summary>
    /// ff90 (west window, 20 days, spring 2020): median 21.8 degC, median daily range 3.7 degC, daily
    /// means sd 0.76; humidity median 59.5 %RH, daily range 6.1 %RH, driest at 17 h.
    /// </summary>
    public static readonly ClimateModel WindowClimate = new(
        MeanCelsius: 21.8, AmplitudeCelsius: 1.85, PeakHour: 17, DayOffsetStandardDeviationCelsius: 0.8,
        MeanHumidityPercent: 59.5, HumidityAmplitudePercent: 3.05, HumidityDayOffsetStandardDeviationPercent: 4,
        DayPersistence: 0.7);

    // ---- Corridor: no trace exists; everything here is an assumption ----

    /// <summary>Assumption: corridor lamps at ~150 lx (140 + 10 floor of emergency lighting), 6:30-7:30 to 20:30-21:30 on workdays, 8-9 to 17:30-18:30 on occupied weekend days.</summary>
    public static readonly LightingModel CorridorLighting = new(
        FloorLux: 10, ArtificialLux: 140, ArtificialLuxStandardDeviation: 5,
        WeekdayOnHour: QuantileTable.Uniform(6.5, 7.5),
        WeekendOnHour: QuantileTable.Uniform(8, 9),
        WeekdayOffHour: QuantileTable.Uniform(20.5, 21.5),
        WeekendOffHour: QuantileTable.Uniform(17.5, 18.5));

    /// <summary>Assumption: a corridor serves about three offices: three times the office's motion, same hours.</summary>
    public static readonly MotionModel CorridorMotion = OfficeMotion.Scaled(3);

    // ---- Presence (ground truth for docs/occupancy.md): assumptions, no trace records who was there ----

    /// <summary>
    /// Assumption: one occupant who switches the lamps on when arriving (the ff66 switch-on times are the arrivals) and
    /// leaves between 16:30 and 19:50 (median 18:00; the ff66 lamps, often left on, go off 18:20 to 02:10), lunch away on
    /// 7 workdays in 10 (start 11:45-13:15, 30-60 min), one meeting away a workday on average (30-90 min). While present
    /// the PIR fires every 11.7 min on average (gamma shape 2), which keeps ff66's 39 events a workday and 18 a weekend
    /// day (SyntheticEnvironmentTests); a still spell of 20 min while present is then common (about 1 gap in 9).
    /// </summary>
    public static readonly PresenceModel OfficePresence = new(
        ArrivalFollowsLights: true,
        WeekdayArrivalHour: OfficeLighting.WeekdayOnHour,
        WeekendArrivalHour: OfficeLighting.WeekendOnHour,
        WeekdayDepartureHour: new QuantileTable((0, 16.5), (0.25, 17.5), (0.5, 18.0), (0.75, 18.6), (1, 19.83)),
        WeekendStayHours: QuantileTable.Uniform(2, 6),
        LunchProbability: 0.7,
        LunchStartHour: QuantileTable.Uniform(11.75, 13.25),
        LunchMinutes: QuantileTable.Uniform(30, 60),
        MeetingsPerDay: 1.0,
        MeetingMinutes: new QuantileTable((0, 30), (0.6, 60), (1, 90)),
        MotionGapMeanSeconds: 700,
        MotionGapShape: 2,
        LightsFollowPresence: false);

    /// <summary>
    /// Assumption: the corridor of about three offices is in use from 7:15-8:15 to 18:30-20:15 on workdays (3-6 h on occupied
    /// weekend days), somebody passing every 5.5 min on average (gamma shape 2): three times the office's events, as
    /// before presence existed; nobody's lunch empties it.
    /// </summary>
    public static readonly PresenceModel CorridorPresence = new(
        ArrivalFollowsLights: false,
        WeekdayArrivalHour: QuantileTable.Uniform(7.25, 8.25),
        WeekendArrivalHour: QuantileTable.Uniform(9, 10.5),
        WeekdayDepartureHour: QuantileTable.Uniform(18.5, 20.25),
        WeekendStayHours: QuantileTable.Uniform(3, 6),
        LunchProbability: 0,
        LunchStartHour: QuantileTable.Constant(12),
        LunchMinutes: QuantileTable.Constant(0),
        MeetingsPerDay: 0,
        MeetingMinutes: QuantileTable.Constant(0),
        MotionGapMeanSeconds: 330,
        MotionGapShape: 2,
        LightsFollowPresence: false);

    /// <summary>Assumption: the office's occupant at a window-side desk without lamps, moving less within the PIR's view (every 7.5 min).</summary>
    public static readonly PresenceModel WindowPresence = OfficePresence with { ArrivalFollowsLights = false, MotionGapMeanSeconds = 450 };

    /// <summary>The office profile: ff66 light and motion, ff22 climate.</summary>
    public static readonly SyntheticProfile Office = new("office", OfficeOccupancy, OfficeLighting, OfficeDaylight, OfficeMotion, OfficeClimate, OfficePresence);

    /// <summary>The corridor profile: assumptions on the office's occupancy and climate, no daylight.</summary>
    public static readonly SyntheticProfile Corridor = new("corridor", OfficeOccupancy, CorridorLighting, DaylightModel.None, CorridorMotion, OfficeClimate, CorridorPresence);

    /// <summary>The window-side profile: aces-2124 daylight, ff90 climate, assumed motion.</summary>
    public static readonly SyntheticProfile WindowSide = new("window-side", OfficeOccupancy, WindowLighting, WindowDaylight, WindowMotion, WindowClimate, WindowPresence);
}
