namespace SensorNode.Simulation.Policies;

/// <summary>
/// Predicts harvested power per time slot of the day from the slots measured so far (the energy-neutral
/// baselines' predictor). Slots are fed in time order, one value per slot, with no gaps.
/// </summary>
public interface IHarvestPredictor
{
    /// <summary>Slots per day (48 = 30 min).</summary>
    int SlotsPerDay { get; }

    /// <summary>Records the measured mean of the slot that just ended, <paramref name="slotOfDay"/> 0..SlotsPerDay-1, in any unit (uW here).</summary>
    void Add(int slotOfDay, double value);

    /// <summary>Predicted value of the slot <paramref name="slotsAhead"/> (1 = the slot after the last one added) ahead; 0 before any data.</summary>
    double Predict(int slotsAhead);
}
