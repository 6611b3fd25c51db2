// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Threading
// version 1.1.52) for the CI compile check. Every body throws. Never shipped, never deployed.
// mscorlib 1.17.11 has no CancellationToken; this package supplies it.
//
// Checked against: nanoframework/System.Threading @ v1.1.52 : nanoFramework.System.Threading/Threading/CancellationToken.cs (CancellationToken)
// Checked against: nanoframework/System.Threading @ v1.1.52 : nanoFramework.System.Threading/Threading/CancellationTokenSource.cs (CancellationTokenSource)
// (shared research/device-truth-audit.md section 2.11: CancellationToken is a plain `public struct`.)

using System;

namespace System.Threading
{
    public struct CancellationToken
    {
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource(int millisecondsDelay) { throw new NotSupportedException("reference-only"); }

        public CancellationToken Token { get { throw new NotSupportedException("reference-only"); } }

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }
}
