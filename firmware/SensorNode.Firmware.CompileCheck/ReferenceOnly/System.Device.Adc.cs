// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Device.Adc
// version 1.1.24) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Read from github.com/nanoframework/System.Device.Adc:
//   System.Device.Adc/AdcController.cs (ctor, OpenChannel(Int32)), AdcChannelBase.cs (abstract ReadValue),
//   AdcChannel.cs (ReadValue override, Dispose).

using System;

namespace System.Device.Adc
{
    public sealed class AdcController
    {
        public AdcController() { throw new NotSupportedException("reference-only"); }

        public AdcChannel OpenChannel(Int32 channelNumber) { throw new NotSupportedException("reference-only"); }
    }

    public abstract class AdcChannelBase
    {
        public abstract int ReadValue();
    }

    public class AdcChannel : AdcChannelBase, IDisposable
    {
        internal AdcChannel() { }

        public override int ReadValue() { throw new NotSupportedException("reference-only"); }

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }
}
