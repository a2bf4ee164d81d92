using System.Net;
using System.Net.Sockets;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Signing;
using OrleansEci.Eci.Tests.Support;

namespace OrleansEci.Eci.Tests;

/// <summary>How failures surface: typed, with ECI's details, and never with credentials.</summary>
public sealed class EciClientErrorTests : ScriptedServerTest
{
    private static CreateContainerGroupRequest Create(bool? dryRun = null) => new()
    {
        ContainerGroupName = "web-0",
        DryRun = dryRun,
        Containers = [new() { Name = "app", Image = "nginx" }],
        ImageRegistryCredentials = [new() { Server = "r.example.com", UserName = "bob", Password = "registry-password-42" }],
    };

    [Fact]
    public async Task SendAsync_SignatureMismatchQuotingTheSecurityToken_NeverShowsSecretOrTokenInErrorsOrLogs()
    {
        string twiceEncodedToken = EciRpcSignature.PercentEncode(EciRpcSignature.PercentEncode(ClientFactory.SecurityToken));
        string message = $"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D{ClientFactory.AccessKeyId}%26SecurityToken%3D{twiceEncodedToken} key {ClientFactory.Secret}";
        Server.Then(ScriptedAnswer.Error(400, "SignatureDoesNotMatch", message.Replace("\"", "\\\"", StringComparison.Ordinal)));
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        var client = Client(o => o.SecurityToken = ClientFactory.SecurityToken, factory.CreateLogger<EciClient>());

        var error = await Assert.ThrowsAsync<EciException>(() => client.CreateContainerGroupAsync(Create(), Ct));

        Assert.Equal(ClientFactory.SecurityToken, Assert.Single(Server.Calls)["SecurityToken"]);
        Assert.Equal(EciErrorCategory.Auth, error.Category);
        Assert.Contains("server string to sign is", error.ErrorMessage, StringComparison.Ordinal);
        string everything = error.ToString() + error.ErrorMessage + string.Join('\n', collector.GetSnapshot().Select(static r => r.Message + r.StructuredState?.Aggregate("", (s, kv) => s + kv.Key + "=" + kv.Value)));
        Assert.NotEmpty(collector.GetSnapshot());
        foreach (string secret in new[] { ClientFactory.Secret, ClientFactory.SecurityToken, twiceEncodedToken, EciRpcSignature.PercentEncode(ClientFactory.SecurityToken), "registry-password-42" })
        {
            Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"Expected '{secret}' nowhere in the error or the logs, but found it in:\n{everything}");
        }
    }

    [Fact]
    public void ImageRegistryCredential_ToString_MasksThePassword()
    {
        string text = new ImageRegistryCredential { Server = "r", UserName = "bob", Password = "registry-password-42" }.ToString();

        Assert.DoesNotContain("registry-password-42", text, StringComparison.Ordinal);
        Assert.Contains("Password = ***", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunCreateContainerGroupAsync_DryRunOperationAnswer_ReturnsPassedWithoutClientToken()
    {
        Server.Then(ScriptedAnswer.Error(400, "DryRunOperation", "Request validation has been passed with DryRun flag set."));
        var client = Client();

        EciDryRunResult result = await client.DryRunCreateContainerGroupAsync(Create(), Ct);

        Assert.Equal(("DryRunOperation", "req-DryRunOperation"), (result.Code, result.RequestId));
        RecordedCall call = Assert.Single(Server.Calls);
        Assert.Equal("true", call["DryRun"]);
        Assert.Null(call["ClientToken"]);
    }

    [Fact]
    public async Task DryRunCreateContainerGroupAsync_FailedCheck_ThrowsTheTypedError()
    {
        Server.Then(ScriptedAnswer.Error(403, "OperationDenied.NoStock"));
        var client = Client();

        var error = await Assert.ThrowsAsync<EciException>(() => client.DryRunCreateContainerGroupAsync(Create(), Ct));

        Assert.Equal(EciErrorCategory.NoStock, error.Category);
    }

    [Fact]
    public async Task DryRunCreateContainerGroupAsync_EndpointCreatesAGroup_ThrowsNamingTheGroup()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","ContainerGroupId":"eci-created"}"""));
        var client = Client();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.DryRunCreateContainerGroupAsync(Create(), Ct));

        Assert.Contains("eci-created", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Http200WithErrorCode_IsAFailure()
    {
        Server.Then(ScriptedAnswer.Ok("""{"RequestId":"R","Code":"InvalidParameter","Message":"bad"}"""));
        var client = Client();

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeRegionsAsync(cancellationToken: Ct));

        Assert.Equal((EciErrorCategory.InvalidRequest, "InvalidParameter", 200), (error.Category, error.Code, error.HttpStatus));
    }

    [Fact]
    public async Task SendAsync_NonJsonErrorPage_IsJudgedByStatusAndQuoted()
    {
        Server.Default = static _ => new ScriptedAnswer(502, "<html><body>Bad Gateway</body></html>");
        var client = Client(o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeRegionsAsync(cancellationToken: Ct));

        Assert.Equal((EciErrorCategory.Transient, (string?)null, 502), (error.Category, error.Code, error.HttpStatus));
        Assert.Contains("Bad Gateway", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SuccessThatIsNotJson_FailsAsUnknown()
    {
        Server.Then(ScriptedAnswer.Ok("not json"));
        var client = Client();

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeRegionsAsync(cancellationToken: Ct));

        Assert.Equal(EciErrorCategory.Unknown, error.Category);
        Assert.Contains("DescribeRegionsResponse", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListening_FailsTransientWrappingTheHttpError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = new EciClient(Http, ClientFactory.Options(new Uri($"http://127.0.0.1:{port}/"), o => o.MaxRetryAttempts = 0), Clock, new FixedRandom());

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeRegionsAsync(cancellationToken: Ct));

        Assert.Equal((EciErrorCategory.Transient, (int?)null), (error.Category, error.HttpStatus));
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task SendAsync_AnswerCutShort_FailsTransientWrappingTheTransportError()
    {
        Server.Default = static _ => ScriptedAnswer.CutShortAnswer;
        var client = Client(o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeRegionsAsync(cancellationToken: Ct));

        Assert.Equal(EciErrorCategory.Transient, error.Category);
        Assert.True(error.InnerException is HttpRequestException or IOException, $"Expected the transport error inside, got {error.InnerException}.");
    }

    [Fact]
    public async Task DeleteContainerGroupAsync_MissingGroup_FailsNotFound()
    {
        Server.Then(ScriptedAnswer.Error(400, "InvalidParameter.NotFound", "The specified ContainerGroupId does not exist."));
        var client = Client();

        var error = await Assert.ThrowsAsync<EciException>(() => client.DeleteContainerGroupAsync(new() { ContainerGroupId = "eci-gone" }, Ct));

        Assert.Equal(EciErrorCategory.NotFound, error.Category);
        Assert.Equal(("eci-gone", "token-1"), (Server.Calls[0]["ContainerGroupId"], Server.Calls[0]["ClientToken"]));
    }
}
