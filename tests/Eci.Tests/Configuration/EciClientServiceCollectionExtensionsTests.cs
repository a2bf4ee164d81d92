using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using OrleansEci.Eci.Configuration;
using OrleansEci.Eci.Resilience;
using OrleansEci.Eci.Tests.Support;

namespace OrleansEci.Eci.Tests.Configuration;

public sealed class EciClientServiceCollectionExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddEciClient_ConfigurationAndDelegate_ComposesAWorkingSingletonClient()
    {
        await using var server = await ScriptedEciServer.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eci:MaxRetryAttempts"] = "2",
            ["Eci:AttemptTimeout"] = "00:00:07",
            ["Eci:RateLimits:CreateContainerGroup:TokenLimit"] = "7",
            ["Eci:RateLimits:CreateContainerGroup:TokensPerPeriod"] = "3",
            ["Eci:RateLimits:DescribeRegions:IsUnlimited"] = "true",
        });
        builder.Services.AddSingleton<EciRandom>(new FixedRandom());

        // The delegate runs last, so ECI_* variables on the machine cannot point this test elsewhere.
        builder.AddEciClient(o =>
        {
            o.Endpoint = server.BaseUri;
            o.RegionId = "cn-shanghai";
            o.AccessKeyId = ClientFactory.AccessKeyId;
            o.AccessKeySecret = ClientFactory.Secret;
            o.SecurityToken = null;
        });
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var client = host.Services.GetRequiredService<IEciClient>();
        await client.DescribeRegionsAsync(cancellationToken: Ct);
        var options = host.Services.GetRequiredService<IOptions<EciClientOptions>>().Value;

        Assert.Same(host.Services.GetRequiredService<EciClient>(), client);
        Assert.Equal((2, TimeSpan.FromSeconds(7)), (options.MaxRetryAttempts, options.AttemptTimeout));
        Assert.Equal((7, 3), (options.RateLimits[EciActions.CreateContainerGroup].TokenLimit, options.RateLimits[EciActions.CreateContainerGroup].TokensPerPeriod));
        Assert.Null(((EciClient)client).AvailableTokens(EciActions.DescribeRegions));
        RecordedCall call = Assert.Single(server.Calls);
        Assert.Equal(("cn-shanghai", "nonce-1"), (call["RegionId"], call["SignatureNonce"]));
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddEciClient_MissingRegion_FailsAtStartWithTheFix()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddEciClient(configure: static o =>
        {
            o.RegionId = "";
            o.AccessKeyId = "id";
            o.AccessKeySecret = "secret-value";
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Eci:RegionId is empty. Set ECI_REGION", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }
}
