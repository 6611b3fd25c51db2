// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.IO.FileSystem
// version 1.1.87) for the CI compile check. Every body throws. Never shipped, never deployed.
// IOException itself is in mscorlib 1.17.11 and is not redeclared.
//
// Checked against: nanoframework/System.IO.FileSystem @ v1.1.87 : System.IO.FileSystem/File.cs (File)
// Checked against: nanoframework/System.IO.FileSystem @ v1.1.87 : System.IO.FileSystem/FileStream.cs (FileStream)
// Checked against: nanoframework/System.IO.FileSystem @ v1.1.87 : System.IO.FileSystem/FileMode.cs (FileMode)
// Checked against: nanoframework/System.IO.FileSystem @ v1.1.87 : System.IO.FileSystem/FileAccess.cs (FileAccess)
// (shared research/device-truth-audit.md section 2.8: all MATCH; FileStream.Flush is not a durability point on
// ESP32, Dispose is.)

using System;

namespace System.IO
{
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    public static class File
    {
        public static bool Exists(string path) { throw new NotSupportedException("reference-only"); }

        public static void Delete(string path) { throw new NotSupportedException("reference-only"); }
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode, FileAccess access) { throw new NotSupportedException("reference-only"); }

        public override long Length { get { throw new NotSupportedException("reference-only"); } }

        public override int Read(byte[] buffer, int offset, int count) { throw new NotSupportedException("reference-only"); }

        public override void Write(byte[] buffer, int offset, int count) { throw new NotSupportedException("reference-only"); }

        public override long Seek(long offset, SeekOrigin origin) { throw new NotSupportedException("reference-only"); }

        public override void Flush() { throw new NotSupportedException("reference-only"); }
    }
}
