// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Threading
// version 1.1.52) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Read from github.com/nanoframework/System.Threading:
//   nanoFramework.System.Threading/Threading/CancellationTokenSource.cs (ctor(int millisecondsDelay),
//     Token, Dispose), Threading/CancellationToken.cs.
// mscorlib 1.17.11 has no CancellationToken; this package supplies it.

using System;

namespace System.Threading
{
    public readonly struct CancellationToken
    {
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource(int millisecondsDelay) { throw new NotSupportedException("reference-only"); }

        public CancellationToken Token { get { throw new NotSupportedException("reference-only"); } }

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }
}
