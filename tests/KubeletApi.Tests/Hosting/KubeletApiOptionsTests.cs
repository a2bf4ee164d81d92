using Microsoft.Extensions.Options;

using OrleansEci.KubeletApi.Hosting;

namespace OrleansEci.KubeletApi.Tests.Hosting;

/// <summary>Options checked at start-up, each problem saying what to fix; node-per-port mapping.</summary>
public sealed class KubeletApiOptionsTests
{
    private static KubeletApiOptions Valid() => new() { NodeNames = ["vk-a"], ClientCaPem = "-----BEGIN CERTIFICATE-----" };

    [Fact]
    public void Problems_Defaults_NoneOnceNodesAndClientCaAreSet()
    {
        Assert.Empty(Valid().Problems());
        var empty = new KubeletApiOptions().Problems();
        Assert.Contains(empty, p => p.Contains("NodeNames", StringComparison.Ordinal));
        Assert.Contains(empty, p => p.Contains("ClientCaPath", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("70000")]
    [InlineData(" 10250")]
    public void ApplyEnvironment_MalformedPort_IsAProblemNamingTheVariable(string value)
    {
        var options = Valid().ApplyEnvironment(name => name == KubeletApiOptions.PortVariable ? value : null);
        Assert.True(options.Problems().Any(p => p.Contains(KubeletApiOptions.PortVariable, StringComparison.Ordinal)),
            $"Expected KUBELET_PORT=\"{value}\" to be reported as a problem naming KUBELET_PORT");
    }

    [Fact]
    public void ApplyEnvironment_Port_IsUsed()
    {
        var options = Valid().ApplyEnvironment(name => name == KubeletApiOptions.PortVariable ? "10300" : null);
        Assert.Equal(10300, options.Port);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Problems_Each_SaysWhatToFix()
    {
        var options = Valid();
        options.Port = 0;
        options.NodeNames = ["vk-a", "vk-b"];
        options.ListenAddress = "everywhere";
        options.ServingCertificatePath = "/etc/kubelet/tls.crt";
        options.FollowCallsPerMinute = 0;
        options.StatsCacheTtl = TimeSpan.FromSeconds(-1);
        var problems = options.Problems();
        Assert.Contains(problems, p => p.Contains("Port 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"everywhere\" is not an IP address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ServingKeyPath go together", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("FollowCallsPerMinute", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("TTLs must not be negative", StringComparison.Ordinal));
    }

    [Fact]
    public void NodeFor_SeveralNodes_OnePortEach()
    {
        var options = Valid();
        options.NodeNames = ["vk-a", "vk-b", "vk-c"];
        var nodes = new KubeletNodes(Options.Create(options));
        Assert.Equal([10250, 10251, 10252], nodes.Ports);
        Assert.Equal("vk-a", nodes.NodeFor(10250));
        Assert.Equal("vk-c", nodes.NodeFor(10252));
        Assert.Null(nodes.NodeFor(10253));
        Assert.Null(nodes.NodeFor(8080));
    }
}
