using System.Text;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.Tests.Support;
using OrleansEci.Spdy.Upgrade;

namespace OrleansEci.Spdy.Tests.Upgrade;

public sealed class SpdyUpgradeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task ConnectAsync_KestrelServerSupportsV4_NegotiatesV4AndEchoesOverSession()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestWebServer.StartAsync(app => app.MapPost("/exec", EchoAsync));

        var result = await SpdyUpgradeClient.ConnectAsync(new Uri(server.BaseAddress, "/exec"), cancellationToken: ct);
        await using var session = result.Session;
        var stream = await session.OpenStreamAsync(new SpdyHeaders { { "streamtype", "stdin" } }, cancellationToken: ct);
        await stream.WaitForReplyAsync(ct);
        await stream.WriteAsync("over kestrel"u8.ToArray(), fin: true, ct);

        Assert.Equal(RemoteCommandProtocols.V4, result.Protocol);
        Assert.Equal("over kestrel", Encoding.ASCII.GetString(await stream.ReadToEndAsync(ct)));
    }

    [Fact(Timeout = 60_000)]
    public async Task ConnectAsync_HttpsWithClientCertificate_ServerSeesCertificateAndSessionWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificates = new TestCertificates();
        string? seenSubject = null;
        await using var server = await TestWebServer.StartAsync(app => app.MapPost("/exec", context =>
        {
            seenSubject = context.Connection.ClientCertificate?.Subject;
            return EchoAsync(context);
        }), certificates);
        var options = new SpdyUpgradeClientOptions
        {
            ClientCertificate = certificates.Client,
            ServerCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == certificates.Server.Thumbprint,
        };

        var result = await SpdyUpgradeClient.ConnectAsync(new Uri(server.BaseAddress, "/exec"), options, cancellationToken: ct);
        await using var session = result.Session;
        var stream = await session.OpenStreamAsync(new SpdyHeaders(), fin: false, ct);
        await stream.WriteAsync(new byte[200_000], fin: true, ct);

        Assert.Equal(200_000, (await stream.ReadToEndAsync(ct)).Length);
        Assert.Equal("CN=system:kube-apiserver-kubelet-client, O=system:masters", seenSubject);
    }

    [Fact(Timeout = 60_000)]
    public async Task ConnectAsync_NoCommonProtocol_Throws403WithServerStatusMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestWebServer.StartAsync(app => app.MapPost("/exec", EchoAsync));
        var options = new SpdyUpgradeClientOptions { Protocols = ["v9.channel.k8s.io"] };

        var error = await Assert.ThrowsAsync<SpdyUpgradeException>(() =>
            SpdyUpgradeClient.ConnectAsync(new Uri(server.BaseAddress, "/exec"), options, cancellationToken: ct));

        Assert.Equal(403, error.StatusCode);
        Assert.StartsWith("unable to upgrade: unable to negotiate protocol: client supports [v9.channel.k8s.io]", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task AcceptAsync_NoCommonProtocol_ListsAcceptedVersions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestWebServer.StartAsync(app => app.MapPost("/exec", EchoAsync));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "/exec"));
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.ParseAdd("SPDY/3.1");
        request.Headers.Add(SpdyUpgradeHeaders.ProtocolVersion, "v9.channel.k8s.io");

        using var response = await http.SendAsync(request, ct);

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal([RemoteCommandProtocols.V4, RemoteCommandProtocols.V3], response.Headers.GetValues(SpdyUpgradeHeaders.AcceptedProtocolVersions));
    }

    [Fact(Timeout = 60_000)]
    public async Task AcceptAsync_PlainRequestWithoutUpgrade_Answers400Status()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestWebServer.StartAsync(app => app.MapPost("/exec", EchoAsync));
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(server.BaseAddress, "/exec"), null, ct);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("\"reason\":\"BadRequest\"", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public void Negotiate_ClientOrderWins_CommaSeparatedValuesCount()
    {
        var offered = StreamProtocolNegotiation.ParseClientProtocols(["v5.channel.k8s.io, v4.channel.k8s.io", "v3.channel.k8s.io"]);

        Assert.Equal(["v5.channel.k8s.io", "v4.channel.k8s.io", "v3.channel.k8s.io"], offered);
        Assert.Equal("v4.channel.k8s.io", StreamProtocolNegotiation.Negotiate(offered, ["v3.channel.k8s.io", "v4.channel.k8s.io"]));
        Assert.Null(StreamProtocolNegotiation.Negotiate(offered, ["v2.channel.k8s.io"]));
    }

    private static async Task EchoAsync(HttpContext context)
    {
        var result = await SpdyUpgradeServer.AcceptAsync(context, [RemoteCommandProtocols.V4, RemoteCommandProtocols.V3]);
        if (result is null)
        {
            return;
        }

        await using var session = result.Session;
        var stream = await session.AcceptStreamAsync(context.RequestAborted);
        if (stream is null)
        {
            return;
        }

        await stream.ReplyAsync(cancellationToken: context.RequestAborted);
        var body = await stream.ReadToEndAsync(context.RequestAborted);
        await stream.WriteAsync(body, fin: true, context.RequestAborted);
        await session.Completion.WaitAsync(context.RequestAborted);
    }
}
