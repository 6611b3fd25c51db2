using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// A PIR motion module's digital output (high while it reports motion). The same pin wakes the ESP32 from
    /// deep sleep (ext0, level high); this class only reads its level during a wake.
    /// </summary>
    public sealed class PirSensor
    {
        private readonly IDigitalInput _input;

        /// <summary>Driver over the PIR output pin. Throws ArgumentNullException for a null input.</summary>
        public PirSensor(IDigitalInput input)
        {
            if (input == null)
            {
                throw new ArgumentNullException("input");
            }
            _input = input;
        }

        /// <summary>
        /// True while the module's output is high: motion seen within its hold time (set on the module, typically
        /// a few seconds). One pin read, no debouncing: the module's own output is already clean.
        /// </summary>
        public bool IsMotionActive()
        {
            return _input.IsHigh();
        }
    }
}
