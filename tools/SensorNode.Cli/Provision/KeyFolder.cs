namespace SensorNode.Cli.Provision;

/// <summary>
/// Keeps private keys out of git: `provision` refuses to put a node's key in its default folder (provision/ID)
/// when that folder lies inside a git work tree, where one `git add -A` would commit it. An explicit --out is the
/// user's choice and is kept.
/// </summary>
public static class KeyFolder
{
    /// <summary>
    /// The root of the git work tree that contains <paramref name="path"/> (a folder that need not exist yet), or
    /// null. A work tree's root holds ".git": a folder, or a file in a linked worktree or submodule.
    /// </summary>
    public static string? EnclosingWorkTree(string path)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(path)); dir != null; dir = dir.Parent)
        {
            string git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git)) return dir.FullName;
        }
        return null;
    }

    /// <summary>
    /// Throws <see cref="UsageException"/> when a private key would go to <paramref name="defaultDir"/> (no --out
    /// given) inside a git work tree.
    /// </summary>
    public static void RefuseDefaultInsideWorkTree(string defaultDir)
    {
        if (EnclosingWorkTree(defaultDir) is not { } root) return;
        throw new UsageException($"the default output folder {defaultDir} is inside the git work tree {root}, and this run writes a private key "
            + "(node.key); pass --out DIR explicitly, preferably outside the work tree (.gitignore covers *.key, but a key is safer outside any repository)");
    }
}
