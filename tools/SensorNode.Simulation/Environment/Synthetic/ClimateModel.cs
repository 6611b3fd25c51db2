namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// Indoor temperature and humidity: a daily cosine (humidity in antiphase: lowest when warmest)
/// around a level that wanders from day to day (AR(1) day offsets, joined linearly across each day).
/// </summary>
/// <param name="MeanCelsius">Long-run mean temperature, degC.</param>
/// <param name="AmplitudeCelsius">Half the daily swing, degC.</param>
/// <param name="PeakHour">Hour of the warmest (and driest) moment, 0 to 24.</param>
/// <param name="DayOffsetStandardDeviationCelsius">Spread of daily mean temperatures, degC.</param>
/// <param name="MeanHumidityPercent">Long-run mean humidity, %RH.</param>
/// <param name="HumidityAmplitudePercent">Half the daily humidity swing, %RH.</param>
/// <param name="HumidityDayOffsetStandardDeviationPercent">Spread of daily mean humidity, %RH.</param>
/// <param name="DayPersistence">AR(1) coefficient of the day offsets, 0 to 1 (weather lasts a few days).</param>
internal sealed record ClimateModel(
    double MeanCelsius,
    double AmplitudeCelsius,
    double PeakHour,
    double DayOffsetStandardDeviationCelsius,
    double MeanHumidityPercent,
    double HumidityAmplitudePercent,
    double HumidityDayOffsetStandardDeviationPercent,
    double DayPersistence);
