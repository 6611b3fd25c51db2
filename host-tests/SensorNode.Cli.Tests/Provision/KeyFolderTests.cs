using System.Diagnostics;
using SensorNode.Cli;
using SensorNode.Cli.Provision;

namespace SensorNode.Cli.Tests.Provision;

/// <summary>Private keys stay out of git: the default folder inside a work tree is refused, and .gitignore covers the files.</summary>
public sealed class KeyFolderTests : IDisposable
{
    private readonly ProvisionFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Provision_WithACaButNoOut_InsideAWorkTree_IsRefusedAndWritesNothing()
    {
        // The test runs from bin/ of this repository, a git work tree (a CI checkout is one too).
        string defaultDir = Path.Combine("provision", "keytest-01");
        Assert.NotNull(KeyFolder.EnclosingWorkTree(Environment.CurrentDirectory));
        Assert.False(Directory.Exists(defaultDir));

        int code = _folder.Run("--node-id", "keytest-01", "--config", _folder.Template, "--make-ca", _folder.Path("ca"));

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains($"the default output folder {defaultDir} is inside the git work tree", _folder.Error);
        Assert.Contains("pass --out DIR", _folder.Error);
        Assert.False(Directory.Exists(defaultDir), "no identity was written");
        Assert.False(Directory.Exists(_folder.Path("ca")), "the CA was not made either");
    }

    [Fact]
    public void Provision_WithACaAndAnExplicitOut_WritesTheKey()
    {
        string dir = _folder.Path("out", "keytest-02");

        int code = _folder.Run("--node-id", "keytest-02", "--config", _folder.Template, "--make-ca", _folder.Path("ca"), "--out", dir);

        Assert.True(code == CommandLine.Ok, _folder.Error);
        Assert.True(File.Exists(Path.Combine(dir, "node.key")));
    }

    [Fact]
    public void EnclosingWorkTree_FindsAGitFolderOrAGitFileAbove_AndNothingElsewhere()
    {
        string repo = _folder.Path("repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        string linked = _folder.Path("linked");
        Directory.CreateDirectory(linked);
        File.WriteAllText(Path.Combine(linked, ".git"), "gitdir: /elsewhere/.git/worktrees/linked\n");

        Assert.Equal(repo, KeyFolder.EnclosingWorkTree(Path.Combine(repo, "provision", "n1")));
        Assert.Equal(linked, KeyFolder.EnclosingWorkTree(Path.Combine(linked, "a", "b")));
        string? plain = KeyFolder.EnclosingWorkTree(_folder.Path("plain", "provision"));
        Assert.True(plain == null || !plain.StartsWith(_folder.Root), $"found a work tree at {plain}");
    }

    [Theory]
    [InlineData("provision/node-01/node.key")]
    [InlineData("provision/ca/ca.key")]
    [InlineData("provision/node-01/mosquitto.passwd")]
    [InlineData("provision/gw-1/gateway.password")]
    [InlineData("provision/node-01/secrets.config")]
    public void GitIgnore_CoversEverySecretProvisionWrites(string path)
    {
        var git = RunGit("check-ignore", "--no-index", "-q", path);
        if (git == null) return; // no git on this machine

        Assert.True(git == 0, $"{path} is not git-ignored: `git add -A` would commit it");
    }

    [Fact]
    public void GitIgnore_KeepsTheNodeConfigOfAnIdentityVisible()
    {
        var git = RunGit("check-ignore", "--no-index", "-q", "provision/node-01/nf.config");
        if (git == null) return;

        Assert.Equal(1, git);
    }

    private static int? RunGit(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = ProvisionFolder.RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
