using System.Net;

using OrleansEci.Silo.Hosting;

namespace OrleansEci.Silo.Tests.Redis;

/// <summary>The <c>Orleans</c> section and downward-API variables: defaults, every key valid and malformed.</summary>
public sealed class ClusteringOptionsTests
{
    private static readonly Dictionary<string, string?> Redis = new()
    {
        ["Orleans:ClusteringMode"] = "Redis",
        ["Orleans:Redis:ConnectionString"] = "redis.orleans-eci.svc:6379,password=s3cret,abortConnect=false",
        ["POD_IP"] = "10.0.3.7",
        ["POD_NAME"] = "orleans-eci-7d9f-abcde",
    };

    private static ClusteringOptions Read(Dictionary<string, string?> settings) => ClusteringOptions.Read(k => settings.GetValueOrDefault(k));

    private static Dictionary<string, string?> RedisWith(string key, string? value) => new(Redis) { [key] = value };

    private static string OnlyProblem(ClusteringOptions options, string setting)
    {
        Assert.True(options.Problems.Count == 1, $"Expected exactly one problem for {setting}; got: [{string.Join(" | ", options.Problems)}]");
        return options.Problems[0];
    }

    [Fact]
    public void Read_NothingSet_LocalhostOnTheDefaultPorts()
    {
        var options = Read([]);

        Assert.Empty(options.Problems);
        Assert.Equal(ClusteringMode.Localhost, options.Mode);
        Assert.Equal((11111, 30000), (options.SiloPort, options.GatewayPort));
        Assert.Equal(("orleans-eci", "orleans-eci"), (options.ClusterId, options.ServiceId));
        Assert.Null(options.AdvertisedAddress);
    }

    [Fact]
    public void Read_SandboxPorts_KeptAsBefore()
    {
        var options = Read(new() { ["Orleans:SiloPort"] = "41234", ["Orleans:GatewayPort"] = "41235" });

        Assert.Empty(options.Problems);
        Assert.Equal((41234, 41235), (options.SiloPort, options.GatewayPort));
    }

    [Fact]
    public void Read_RedisFromDownwardApi_AdvertisesPodIpAndNamesSiloAfterPod()
    {
        var options = Read(new(Redis) { ["Orleans:ClusterId"] = "prod-hz", ["Orleans:ServiceId"] = "eci-prod", ["Orleans:ClusteringMode"] = "redis" });

        Assert.Empty(options.Problems);
        Assert.Equal(ClusteringMode.Redis, options.Mode);
        Assert.Equal(IPAddress.Parse("10.0.3.7"), options.AdvertisedAddress);
        Assert.Equal("orleans-eci-7d9f-abcde", options.SiloName);
        Assert.Equal(("prod-hz", "eci-prod"), (options.ClusterId, options.ServiceId));
        Assert.Equal("redis.orleans-eci.svc", ((DnsEndPoint)options.RedisConfiguration().EndPoints.Single()).Host);
    }

    [Fact]
    public void Read_AdvertisedIPAddressSet_WinsOverPodIp()
    {
        var options = Read(RedisWith("Orleans:AdvertisedIPAddress", "127.0.0.1"));

        Assert.Empty(options.Problems);
        Assert.Equal(IPAddress.Loopback, options.AdvertisedAddress);
    }

    [Theory]
    [InlineData("Cluster")]
    [InlineData("AdoNet")]
    [InlineData("5")]
    public void Read_UnknownMode_SaysWhichModesExist(string mode)
    {
        string problem = OnlyProblem(Read(new() { ["Orleans:ClusteringMode"] = mode }), mode);

        Assert.Contains($"Orleans:ClusteringMode '{mode}'", problem, StringComparison.Ordinal);
        Assert.Contains("Use Localhost", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orleans:SiloPort", "abc")]
    [InlineData("Orleans:SiloPort", "-1")]
    [InlineData("Orleans:SiloPort", "70000")]
    [InlineData("Orleans:GatewayPort", "30000.5")]
    [InlineData("Orleans:GatewayPort", "0x7530")]
    public void Read_MalformedPort_NamesTheKeyAndTheRange(string key, string value)
    {
        string problem = OnlyProblem(Read(new() { [key] = value }), $"{key}={value}");

        Assert.Contains($"{key} '{value}' is not a TCP port", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SamePortTwice_AsksForAnotherGatewayPort()
    {
        string problem = OnlyProblem(Read(new() { ["Orleans:SiloPort"] = "30000" }), "SiloPort=GatewayPort");

        Assert.Contains("both 30000", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orleans:ClusterId", "")]
    [InlineData("Orleans:ClusterId", "prod hz")]
    [InlineData("Orleans:ServiceId", "eci/prod")]
    public void Read_UnusableId_AsksForOneWithoutSpacesOrSlashes(string key, string value)
    {
        string problem = OnlyProblem(Read(RedisWith(key, value)), $"{key}='{value}'");

        Assert.Contains($"{key} '{value}' must be non-empty", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RedisWithoutAddress_AsksForPodIpFromTheDownwardApi()
    {
        string problem = OnlyProblem(Read(RedisWith("POD_IP", null)), "no POD_IP");

        Assert.Contains("Set POD_IP from the downward API (status.podIP)", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POD_IP", "10.0.3")]
    [InlineData("POD_IP", "0.0.0.0")]
    [InlineData("POD_IP", "pod.local")]
    [InlineData("Orleans:AdvertisedIPAddress", "::")]
    public void Read_UndialableAddress_NamesWhereItCameFrom(string key, string value)
    {
        string problem = OnlyProblem(Read(RedisWith(key, value)), $"{key}={value}");

        Assert.StartsWith($"{key} '{value}' is not an address other silos can dial", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RedisWithoutConnectionString_SaysWhichVariableToSet()
    {
        string problem = OnlyProblem(Read(RedisWith("Orleans:Redis:ConnectionString", " ")), "blank connection string");

        Assert.Contains("Orleans__Redis__ConnectionString", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis:6379,ssl=maybe")]
    [InlineData("redis:6379,connectTimeout=soon")]
    [InlineData("password=s3cret")]
    public void Read_MalformedConnectionString_ExplainsWithoutShowingThePassword(string connection)
    {
        string problem = OnlyProblem(Read(RedisWith("Orleans:Redis:ConnectionString", connection)), connection);

        Assert.StartsWith("Orleans:Redis:ConnectionString", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LocalhostWithRedisSettingsMissing_NeedsNeither()
    {
        var options = Read(new() { ["Orleans:ClusteringMode"] = "Localhost", ["POD_IP"] = "10.0.3.7" });

        Assert.Empty(options.Problems);
        Assert.Equal(ClusteringMode.Localhost, options.Mode);
    }
}
