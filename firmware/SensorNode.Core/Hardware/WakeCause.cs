namespace SensorNode.Core.Hardware
{
    /// <summary>Why this boot happened. Every deep-sleep wake is a full reboot of nanoCLR.</summary>
    public enum WakeCause
    {
        /// <summary>Power-on, reset or brown-out recovery (ESP32 WakeupCause.Undefined).</summary>
        PowerOn = 0,
        /// <summary>The deep-sleep timer expired (WakeupCause.Timer).</summary>
        Timer = 1,
        /// <summary>The PIR pin woke the chip (WakeupCause.Ext0).</summary>
        Motion = 2,
        /// <summary>Any other wake source.</summary>
        Other = 3,
    }
}
