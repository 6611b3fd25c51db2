using System.Reflection;

namespace SensorNode.NanoCheck.Tests.TestSupport;

/// <summary>Values the test csproj bakes in as AssemblyMetadata, plus the repository layout derived from them.</summary>
internal static class BuildMetadata
{
    /// <summary>The nanoFramework.CoreLibrary 1.17.11 mscorlib.dll the gate compiles against.</summary>
    public static string MscorlibPath => Get("NanoMscorlibPath");

    /// <summary>Expected output of firmware/SensorNode.Core.Nano for the configuration these tests were built in.</summary>
    public static string GateAssemblyPath => Path.Combine(
        RepositoryRoot, "firmware", "SensorNode.Core.Nano", "bin", Get("NanoGateConfiguration"), "netstandard2.0", "SensorNode.Core.Nano.dll");

    /// <summary>The directory holding SensorNode.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SensorNode.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no SensorNode.sln above {AppContext.BaseDirectory}");
        }
    }

    private static string Get(string key) =>
        typeof(BuildMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"AssemblyMetadata {key} is empty");
}
