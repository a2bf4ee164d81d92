using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Regions;
using OrleansEci.Eci.Signing;
using OrleansEci.Eci.Tests.Support;

namespace OrleansEci.Eci.Tests;

/// <summary>What goes on the wire: a signed form POST to the endpoint with the common parameters.</summary>
public sealed class EciClientTransportTests : ScriptedServerTest
{
    [Fact]
    public async Task DescribeRegionsAsync_AnyCall_PostsSignedFormWithCommonParameters()
    {
        var client = Client(o => o.SecurityToken = ClientFactory.SecurityToken);

        await client.DescribeRegionsAsync(cancellationToken: Ct);

        RecordedCall call = Assert.Single(Server.Calls);
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
        var client = Client();
        var request = new CreateContainerGroupRequest
        {
            ContainerGroupName = "web-0",
            Containers = [new() { Name = "app", Image = "nginx", Command = ["/bin/sh", "-c", "echo 'a+b=c&d' 阿里 *~"] }],
            Tags = [new("k", "")],
        };

        await client.CreateContainerGroupAsync(request, Ct);

        RecordedCall call = Assert.Single(Server.Calls);
        Assert.Equal("echo 'a+b=c&d' 阿里 *~", call["Container.1.Command.3"]);
        Assert.Equal("", call["Tag.1.Value"]);
        Assert.Equal(EciRpcSignature.Compute("POST", call.Parameters.Where(static p => p.Key != "Signature"), ClientFactory.Secret), call["Signature"]);
    }

    [Fact]
    public async Task SendAsync_RequestRegion_WinsOverTheClientsRegion()
    {
        var client = Client();

        await client.DescribeRegionsAsync(new DescribeRegionsRequest { RegionId = "cn-beijing" }, Ct);

        Assert.Equal("cn-beijing", Assert.Single(Server.Calls)["RegionId"]);
    }

    [Fact]
    public async Task SendAsync_EndpointWithPath_PostsToThatPath()
    {
        var client = new EciClient(Http, ClientFactory.Options(new Uri(Server.BaseUri, "eci")), Clock, new FixedRandom());

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeRegionsAsync(cancellationToken: Ct));

        Assert.Equal(404, error.HttpStatus);
        Assert.Empty(Server.Calls);
    }

    [Fact]
    public async Task SendAsync_EachCall_UsesAFreshNonce()
    {
        var client = Client();

        await client.DescribeRegionsAsync(cancellationToken: Ct);
        await client.DescribeRegionsAsync(cancellationToken: Ct);

        Assert.Equal(["nonce-1", "nonce-2"], Server.Calls.Select(static c => c["SignatureNonce"]));
    }
}
