// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Device.Adc
// version 1.1.24) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Checked against: nanoframework/System.Device.Adc @ v1.1.24 : System.Device.Adc/AdcController.cs (AdcController)
// Checked against: nanoframework/System.Device.Adc @ v1.1.24 : System.Device.Adc/AdcControllerBase.cs (AdcControllerBase, AdcChannelMode)
// Checked against: nanoframework/System.Device.Adc @ v1.1.24 : System.Device.Adc/AdcChannelBase.cs (AdcChannelBase)
// Checked against: nanoframework/System.Device.Adc @ v1.1.24 : System.Device.Adc/AdcChannel.cs (AdcChannel)
// (shared research/device-truth-audit.md section 2.4: `public class AdcController : AdcControllerBase`. AdcChannelMode
// is declared because AdcControllerBase's members take it; it is checked as used there (SingleEnded = 0,
// Differential), its own source file was not among the stored files read.)

using System;

namespace System.Device.Adc
{
    public enum AdcChannelMode
    {
        SingleEnded = 0,
        Differential,
    }

    public abstract class AdcControllerBase
    {
        public abstract bool IsChannelModeSupported(AdcChannelMode channelMode);

        public abstract AdcChannel OpenChannel(int channelNumber);

        public abstract int ChannelCount { get; }

        public abstract AdcChannelMode ChannelMode { get; set; }

        public abstract int MaxValue { get; }

        public abstract int MinValue { get; }

        public abstract int ResolutionInBits { get; }
    }

    public class AdcController : AdcControllerBase
    {
        public AdcController() { throw new NotSupportedException("reference-only"); }

        public override bool IsChannelModeSupported(AdcChannelMode channelMode) { throw new NotSupportedException("reference-only"); }

        public override AdcChannel OpenChannel(int channelNumber) { throw new NotSupportedException("reference-only"); }

        public override int ChannelCount { get { throw new NotSupportedException("reference-only"); } }

        public override AdcChannelMode ChannelMode
        {
            get { throw new NotSupportedException("reference-only"); }
            set { throw new NotSupportedException("reference-only"); }
        }

        public override int MaxValue { get { throw new NotSupportedException("reference-only"); } }

        public override int MinValue { get { throw new NotSupportedException("reference-only"); } }

        public override int ResolutionInBits { get { throw new NotSupportedException("reference-only"); } }
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
