using SensorNode.Cli.Provision;
using SensorNode.Simulation.Network;

namespace SensorNode.Cli.Tests.Provision;

public sealed class MosquittoPasswdTests
{
    // Made by mosquitto_passwd 2.0.11: `mosquitto_passwd -b -c file node-01 secretpw`.
    private const string ToolLine =
        "node-01:$7$101$LxzaYj4NBYA+DkaG$U/asCON+I/jQ7k0sxs90glc88hYauCuzBrcYRytuSw63YTo869vOGxOu295XM6oO4DuEPLXL07mPNyRx6kfyUA==";

    [Fact]
    public void HashLine_MatchesMosquittoPasswdOutput_ForTheSameSalt()
    {
        byte[] salt = Convert.FromBase64String("LxzaYj4NBYA+DkaG");

        Assert.Equal(ToolLine, MosquittoPasswd.HashLine("node-01", "secretpw", salt));
    }

    [Fact]
    public void Line_VerifiesAgainstThePassword_WithAFreshSaltEachTime()
    {
        string first = MosquittoPasswd.Line("node-01", "Pa55word", out string madeBy);
        string second = MosquittoPasswd.Line("node-01", "Pa55word", out _);

        Assert.True(Verifies(first, "node-01", "Pa55word"), first);
        Assert.False(Verifies(first, "node-01", "Pa55worD"));
        Assert.NotEqual(first, second);
        string expected = MosquittoBroker.FindExecutable("mosquitto_passwd") != null ? "mosquitto_passwd" : "built-in";
        Assert.Equal(expected, madeBy);
    }

    /// <summary>True when <paramref name="line"/> is a $7$ line for <paramref name="user"/> whose hash is of <paramref name="password"/>.</summary>
    internal static bool Verifies(string line, string user, string password)
    {
        string[] parts = line.Split('$');
        if (parts.Length != 5 || parts[0] != user + ":" || parts[1] != "7" || parts[2] != "101") return false;
        return MosquittoPasswd.HashLine(user, password, Convert.FromBase64String(parts[3])) == line;
    }
}
