using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using OrleansEci.KubeletApi.Hosting;

namespace OrleansEci.KubeletApi.Tests.Hosting;

/// <summary>Registration reads the KubeletApi section and refuses bad options with every problem listed.</summary>
public sealed class AddKubeletApiTests
{
    [Fact]
    public void AddKubeletApi_MisconfiguredOptions_FailWithEveryProblem()
    {
        using var provider = new ServiceCollection().AddKubeletApi(configure: o => o.ListenAddress = "nowhere").BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KubeletApiOptions>>().Value);
        Assert.True(error.Failures.Count() == 3 && error.Message.Contains("NodeNames", StringComparison.Ordinal) && error.Message.Contains("ClientCaPath", StringComparison.Ordinal)
            && error.Message.Contains("\"nowhere\"", StringComparison.Ordinal), $"Expected the missing nodes, client CA and bad address reported together, got: {error.Message}");
    }

    [Fact]
    public void AddKubeletApi_Configuration_BindsTheSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KubeletApi:NodeNames:0"] = "vk-a",
            ["KubeletApi:NodeNames:1"] = "vk-b",
            ["KubeletApi:Port"] = "10260",
            ["KubeletApi:ClientCaPem"] = "-----BEGIN CERTIFICATE-----",
            ["KubeletApi:FollowPollInterval"] = "00:00:05",
        }).Build();
        using var provider = new ServiceCollection().AddKubeletApi(configuration).BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<KubeletApiOptions>>().Value;
        Assert.Equal(["vk-a", "vk-b"], options.NodeNames);
        Assert.Equal(TimeSpan.FromSeconds(5), options.FollowPollInterval);
        Assert.True(options.Port == 10260 || Environment.GetEnvironmentVariable(KubeletApiOptions.PortVariable) is { Length: > 0 },
            $"Expected KubeletApi:Port 10260 (KUBELET_PORT unset), got {options.Port}");
    }
}
