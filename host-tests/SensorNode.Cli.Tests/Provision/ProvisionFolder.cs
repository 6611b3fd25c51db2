using System.Collections;
using SensorNode.Cli;
using SensorNode.Core.Config;

namespace SensorNode.Cli.Tests.Provision;

/// <summary>
/// A temp folder holding a copy of the repository's nf.config as the template, where tests run
/// <c>sensornode provision</c> and read what it wrote; deleted on dispose.
/// </summary>
public sealed class ProvisionFolder : IDisposable
{
    public ProvisionFolder()
    {
        Root = Directory.CreateTempSubdirectory("sensornode-provision-test-").FullName;
        Template = System.IO.Path.Combine(Root, "nf.config");
        File.Copy(System.IO.Path.Combine(RepositoryRoot(), "nf.config"), Template);
    }

    public string Root { get; }

    public string Template { get; }

    public string Output { get; private set; } = "";

    public string Error { get; private set; } = "";

    /// <summary>A path inside the folder.</summary>
    public string Path(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray());

    /// <summary>Runs the command through the dispatcher (usage errors are exit code 2); keeps its output.</summary>
    public int Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ProvisionCommand.Run(args, output, error);
        Output = output.ToString();
        Error = error.ToString();
        return code;
    }

    /// <summary>Provisions <paramref name="nodeId"/> into out/&lt;id&gt; from the template; asserts success.</summary>
    public string Provision(string nodeId, params string[] extra)
    {
        string dir = Path("out", nodeId);
        int code = Run(new[] { "--node-id", nodeId, "--config", Template, "--out", dir }.Concat(extra).ToArray());
        Assert.True(code == CommandLine.Ok, Error);
        return dir;
    }

    /// <summary>The secrets.config of a provisioned node, through the core's own parser; asserts it is valid.</summary>
    public static NodeSecrets ReadSecrets(string dir)
    {
        var errors = new ArrayList();
        NodeSecrets secrets = ConfigParser.ParseSecrets(File.ReadAllText(System.IO.Path.Combine(dir, "secrets.config")), "secrets.config", errors);
        Assert.Empty(errors);
        return secrets;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SensorNode.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("SensorNode.sln not found above " + AppContext.BaseDirectory);
    }
}
