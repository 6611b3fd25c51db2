namespace SensorNode.Core.Drivers
{
    /// <summary>Names of <see cref="SensorError"/> values: on nanoFramework Enum.ToString() returns the number.</summary>
    public static class SensorErrorText
    {
        /// <summary>The member name of <paramref name="error"/>, e.g. "CrcMismatch"; "Unknown" for an undefined value.</summary>
        public static string Name(SensorError error)
        {
            switch (error)
            {
                case SensorError.None: return "None";
                case SensorError.NotAcknowledged: return "NotAcknowledged";
                case SensorError.BusError: return "BusError";
                case SensorError.CrcMismatch: return "CrcMismatch";
                case SensorError.NotStarted: return "NotStarted";
                case SensorError.OutOfRange: return "OutOfRange";
                default: return "Unknown";
            }
        }
    }
}
