// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.IO.Streams
// version 1.1.96) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Checked against: nanoframework/System.IO.Streams @ v1.1.96 : System.IO.Streams/SeekOrigin.cs (SeekOrigin)
// Checked against: nanoframework/System.IO.Streams @ v1.1.96 : System.IO.Streams/Stream.cs (Stream)
// (shared research/device-truth-audit.md section 2.9: MATCH, the members FileStream overrides.)

using System;

namespace System.IO
{
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }

    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract long Length { get; }

        public abstract int Read(byte[] buffer, int offset, int count);

        public abstract void Write(byte[] buffer, int offset, int count);

        public abstract long Seek(long offset, SeekOrigin origin);

        public abstract void Flush();

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }
}
