using OrleansEci.Silo.Sandbox;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary><c>sandbox [--demo N] [--once] [--dir PATH] [--port N] [--no-stock-zone ZONE]</c>: every flag, its bounds, and the text of each refusal.</summary>
public sealed class SandboxOptionsTests
{
    private const string DemoError = "--demo takes a number of pods from 1 to 100000, e.g. --demo 20";
    private const string PortError = "--port takes a TCP port from 0 to 65535 (0 picks a free one)";
    private const string DirError = "--dir takes a directory, e.g. --dir .sandbox";

    [Fact]
    public void Parse_NoArguments_GivesTheDefaults()
    {
        var (options, error) = SandboxOptions.Parse([]);

        Assert.Null(error);
        Assert.Equal(new SandboxOptions { Demo = 0, Once = false, Directory = ".sandbox", Port = 0, RegularNodes = 1 }, options);
    }

    [Fact]
    public void Parse_EveryFlag_SetsItsValue()
    {
        var (options, error) = SandboxOptions.Parse(["--demo", "20", "--once", "--dir", "/tmp/sbx", "--port", "8080"]);

        Assert.Null(error);
        Assert.Equal(new SandboxOptions { Demo = 20, Once = true, Directory = "/tmp/sbx", Port = 8080, RegularNodes = 1 }, options);
    }

    [Fact]
    public void Parse_NoStockZone_SetsTheZone()
    {
        var (options, error) = SandboxOptions.Parse(["--demo", "5", "--no-stock-zone", "cn-hangzhou-h"]);

        Assert.Null(error);
        Assert.Equal("cn-hangzhou-h", options?.NoStockZone);
    }

    [Fact]
    public void Parse_NoStockZoneWithoutAZone_SaysWhatItTakes()
    {
        var (options, error) = SandboxOptions.Parse(["--no-stock-zone", "--once"]);

        Assert.Null(options);
        Assert.Equal("--no-stock-zone takes a zone of the local ECI service, e.g. --no-stock-zone cn-hangzhou-h", error);
    }

    [Fact]
    public void Parse_FlagGivenTwice_LastOneWins()
    {
        var (options, _) = SandboxOptions.Parse(["--port", "1", "--port", "2"]);

        Assert.Equal(2, options?.Port);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("100000", 100_000)]
    public void Parse_DemoAtItsBounds_IsAccepted(string value, int expected)
    {
        var (options, error) = SandboxOptions.Parse(["--demo", value]);

        Assert.True(error is null, $"Expected --demo {value} to be accepted; got: {error}");
        Assert.Equal(expected, options?.Demo);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("100001")]
    [InlineData("2.5")]
    [InlineData("")]
    [InlineData("99999999999")]
    public void Parse_MalformedDemo_SaysWhatDemoTakes(string value)
    {
        var (options, error) = SandboxOptions.Parse(["--demo", value]);

        Assert.Null(options);
        Assert.Equal(DemoError, error);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("65535", 65535)]
    public void Parse_PortAtItsBounds_IsAccepted(string value, int expected)
    {
        var (options, error) = SandboxOptions.Parse(["--port", value]);

        Assert.True(error is null, $"Expected --port {value} to be accepted; got: {error}");
        Assert.Equal(expected, options?.Port);
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("http")]
    [InlineData("")]
    public void Parse_MalformedPort_SaysWhatPortTakes(string value)
    {
        var (options, error) = SandboxOptions.Parse(["--port", value]);

        Assert.Null(options);
        Assert.Equal(PortError, error);
    }

    [Theory]
    [InlineData("--demo", DemoError)]
    [InlineData("--port", PortError)]
    [InlineData("--dir", DirError)]
    public void Parse_FlagWithoutItsValue_SaysWhatTheFlagTakes(string flag, string expected)
    {
        var (options, error) = SandboxOptions.Parse(["--once", flag]);

        Assert.Null(options);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_EmptyDirectory_SaysWhatDirTakes()
    {
        var (options, error) = SandboxOptions.Parse(["--dir", ""]);

        Assert.Null(options);
        Assert.Equal(DirError, error);
    }

    [Theory]
    [InlineData("--demo", DemoError)]
    [InlineData("--port", PortError)]
    [InlineData("--dir", DirError)]
    public void Parse_FlagFollowedByAnotherFlag_SaysTheValueIsMissing(string flag, string expected)
    {
        // `sandbox --dir --once` forgot the directory; taking "--once" as one would write the kubeconfig to ./--once.
        var (options, error) = SandboxOptions.Parse([flag, "--once"]);

        Assert.True(options is null, $"Expected `sandbox {flag} --once` to be refused as a missing value; it parsed as {options}.");
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("--demos")]
    [InlineData("-demo")]
    [InlineData("demo")]
    [InlineData("--ONCE")]
    public void Parse_UnknownArgument_NamesItAndShowsTheUsage(string arg)
    {
        var (options, error) = SandboxOptions.Parse([arg, "3"]);

        Assert.Null(options);
        Assert.Equal($"unknown argument '{arg}'. usage: sandbox [--demo N] [--once] [--dir PATH] [--port N] [--no-stock-zone ZONE]", error);
    }
}
