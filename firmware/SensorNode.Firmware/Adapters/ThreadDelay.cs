using System.Threading;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>Blocking waits through Thread.Sleep.</summary>
    public sealed class ThreadDelay : IDelay
    {
        /// <inheritdoc />
        public void DelayMilliseconds(int milliseconds)
        {
            if (milliseconds > 0)
            {
                Thread.Sleep(milliseconds);
            }
        }
    }
}
