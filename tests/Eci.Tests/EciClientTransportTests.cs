using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Regions;
using OrleansEci.Eci.Signing;
using OrleansEci.Eci.Tests.Support;

namespace OrleansEci.Eci.Tests;

/// <summary>What goes on the wire: a signed form POST to the endpoint with the common parameters.</summary>
public sealed class EciClientTransportTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly TestClock _clock = new();
    private readonly HttpClient _http = new();
    private ScriptedEciServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedEciServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task DescribeRegionsAsync_AnyCall_PostsSignedFormWithCommonParameters()
    {
        var client = ClientFactory.Create(_server, _clock, _http, o => o.SecurityToken = ClientFactory.SecurityToken);

        await client.DescribeRegionsAsync(cancellationToken: Ct);

        RecordedCall call = Assert.Single(_server.Calls);
        Assert.Equal("POST", call.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType, StringComparison.Ordinal);
        Assert.Equal(("DescribeRegions", "2018-08-08", "JSON", ClientFactory.AccessKeyId), (call.Action, call["Version"], call["Format"], call["AccessKeyId"]));
        Assert.Equal(("HMAC-SHA1", "1.0", "nonce-1", "2025-06-01T12:00:00Z"), (call["SignatureMethod"], call["SignatureVersion"], call["SignatureNonce"], call["Timestamp"]));
        Assert.Equal(("cn-hangzhou", ClientFactory.SecurityToken), (call["RegionId"], call["SecurityToken"]));
        string expected = EciRpcSignature.Compute("POST", call.Parameters.Where(static p => p.Key != "Signature"), ClientFactory.Secret);
        Assert.True(expected == call["Signature"], $"Expected the signature of what arrived ({expected}), but the client sent {call["Signature"]}.");
    }

    [Fact]
    public async Task CreateContainerGroupAsync_ValuesWithReservedCharacters_ArriveIntactAndSigned()
    {
        var client = ClientFactory.Create(_server, _clock, _http);
        var request = new CreateContainerGroupRequest
        {
            ContainerGroupName = "web-0",
            Containers = [new() { Name = "app", Image = "nginx", Command = ["/bin/sh", "-c", "echo 'a+b=c&d' 阿里 *~"] }],
            Tags = [new("k", "")],
        };

        await client.CreateContainerGroupAsync(request, Ct);

        RecordedCall call = Assert.Single(_server.Calls);
        Assert.Equal("echo 'a+b=c&d' 阿里 *~", call["Container.1.Command.3"]);
        Assert.Equal("", call["Tag.1.Value"]);
        Assert.Equal(EciRpcSignature.Compute("POST", call.Parameters.Where(static p => p.Key != "Signature"), ClientFactory.Secret), call["Signature"]);
    }

    [Fact]
    public async Task SendAsync_RequestRegion_WinsOverTheClientsRegion()
    {
        var client = ClientFactory.Create(_server, _clock, _http);

        await client.DescribeRegionsAsync(new DescribeRegionsRequest { RegionId = "cn-beijing" }, Ct);

        Assert.Equal("cn-beijing", Assert.Single(_server.Calls)["RegionId"]);
    }

    [Fact]
    public async Task SendAsync_EndpointWithPath_PostsToThatPath()
    {
        var client = new EciClient(_http, ClientFactory.Options(new Uri(_server.BaseUri, "eci")), _clock, new FixedRandom());

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeRegionsAsync(cancellationToken: Ct));

        Assert.Equal(404, error.HttpStatus);
        Assert.Empty(_server.Calls);
    }

    [Fact]
    public async Task SendAsync_EachCall_UsesAFreshNonce()
    {
        var client = ClientFactory.Create(_server, _clock, _http);

        await client.DescribeRegionsAsync(cancellationToken: Ct);
        await client.DescribeRegionsAsync(cancellationToken: Ct);

        Assert.Equal(["nonce-1", "nonce-2"], _server.Calls.Select(static c => c["SignatureNonce"]));
    }
}
