using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Flash;

public sealed class ShellQuoteTests
{
    [Theory]
    [InlineData("--serialport", "--serialport")]
    [InlineData("/dev/ttyUSB0", "/dev/ttyUSB0")]
    [InlineData("0x1E0000", "0x1E0000")]
    [InlineData("/home/ana/My Node/app.bin", "'/home/ana/My Node/app.bin'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("", "''")]
    public void Posix_QuotesOnlyWhatTheShellWouldChange(string argument, string expected) =>
        Assert.Equal(expected, ShellQuote.Posix(argument));

    [Theory]
    [InlineData("COM3", "COM3")]
    [InlineData(@"C:\Temp\deploy.json", @"C:\Temp\deploy.json")]
    [InlineData(@"C:\Users\Ana Li\app.bin", @"""C:\Users\Ana Li\app.bin""")]
    [InlineData(@"C:\My Dir\", @"""C:\My Dir\\""")]
    [InlineData(@"say ""hi""", @"""say \""hi\""""")]
    [InlineData("", @"""""")]
    public void Windows_FollowsCommandLineToArgvRules(string argument, string expected) =>
        Assert.Equal(expected, ShellQuote.Windows(argument));
}
