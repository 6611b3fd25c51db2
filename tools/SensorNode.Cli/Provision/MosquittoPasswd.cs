using System.Diagnostics;
using System.Security.Cryptography;
using SensorNode.Simulation.Network;

namespace SensorNode.Cli.Provision;

/// <summary>
/// A user's line for mosquitto's password_file. Made by mosquitto_passwd when installed (the password goes in on
/// stdin, never on a command line other users can read); otherwise in mosquitto 2.x's own format,
/// <c>user:$7$101$&lt;salt&gt;$&lt;hash&gt;</c>: PBKDF2-HMAC-SHA512, 101 iterations, a 12-byte random salt, both base64.
/// </summary>
internal static class MosquittoPasswd
{
    /// <summary>PBKDF2 iterations mosquitto_passwd 2.x uses by default.</summary>
    public const int Iterations = 101;

    /// <summary>Salt length mosquitto_passwd 2.x uses, bytes.</summary>
    public const int SaltBytes = 12;

    private const int ToolTimeoutMilliseconds = 10_000;

    /// <summary>The line without its newline, and which of the two ways made it ("mosquitto_passwd" or "built-in").</summary>
    public static string Line(string user, string password, out string madeBy)
    {
        string? tool = MosquittoBroker.FindExecutable("mosquitto_passwd");
        if (tool != null && TryRunTool(tool, user, password, out string line))
        {
            madeBy = "mosquitto_passwd";
            return line;
        }
        madeBy = "built-in";
        return HashLine(user, password, RandomNumberGenerator.GetBytes(SaltBytes));
    }

    /// <summary>The line for <paramref name="user"/> with the given salt, in the <c>$7$</c> format.</summary>
    public static string HashLine(string user, string password, byte[] salt)
    {
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, 64);
        return $"{user}:$7${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    private static bool TryRunTool(string tool, string user, string password, out string line)
    {
        line = "";
        DirectoryInfo folder = Directory.CreateTempSubdirectory("sensornode-passwd-");
        try
        {
            string file = Path.Combine(folder.FullName, "passwd");
            var start = new ProcessStartInfo(tool)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (string arg in new[] { "-c", file, user }) start.ArgumentList.Add(arg);
            using Process process = Process.Start(start)!;
            // It asks twice (password, then again to confirm).
            process.StandardInput.Write(password + "\n" + password + "\n");
            process.StandardInput.Close();
            Task<string> drainOut = process.StandardOutput.ReadToEndAsync();
            Task<string> drainErr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ToolTimeoutMilliseconds))
            {
                process.Kill();
                return false;
            }
            Task.WaitAll(drainOut, drainErr);
            if (process.ExitCode != 0 || !File.Exists(file)) return false;
            line = File.ReadAllText(file).Trim();
            return line.StartsWith(user + ":", StringComparison.Ordinal) && !line.Contains('\n');
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
