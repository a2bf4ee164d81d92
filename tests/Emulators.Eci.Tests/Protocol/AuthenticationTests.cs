using System.Net;

using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Protocol;

/// <summary>Every way a signed call is accepted or refused, in ECI's envelope and statuses.</summary>
public sealed class AuthenticationTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task CallV1_ValidSignature_Succeeds(string method)
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        EciResponse r = await eci.Client.CallV1Async("DescribeRegions", null, method, null, null);
        r.EnsureOk();
        Assert.Equal("cn-hangzhou", r["Regions"][0].GetProperty("RegionId").GetString());
        Assert.False(string.IsNullOrEmpty(r["RequestId"].GetString()), $"Expected a RequestId, got {r.Body}");
    }

    [Fact]
    public async Task CallV3_ValidAuthorizationHeader_Succeeds()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        EciResponse r = await eci.Client.CallV3Async("DescribeRegions", new Dictionary<string, string>());
        r.EnsureOk();
    }

    [Fact]
    public async Task CallV3_WrongSecret_AnswersSignatureDoesNotMatch()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.Client.CallV3Async("DescribeRegions", new Dictionary<string, string>(), secretOverride: "wrong")).AssertError(400, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task CallV1_TamperedParameter_AnswersSignatureDoesNotMatch()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string signature = TestSigner.V1("POST", [new("Action", "DescribeRegions")], TestEmulator.Secret);
        EciResponse r = await eci.Client.CallV1Async("DescribeRegions", null, "POST", null, signature);
        r.AssertError(400, "SignatureDoesNotMatch");
        Assert.Contains("POST&%2F&", r["Message"].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestEmulator.Secret, r.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallV1_TimestampSixteenMinutesOld_AnswersInvalidTimeStampExpired()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string stale = EciTestClient.Timestamp(eci.Time.GetUtcNow().AddMinutes(-16));
        (await eci.Client.CallV1Async("DescribeRegions", null, "GET", p => p["Timestamp"] = stale, null)).AssertError(400, "InvalidTimeStamp.Expired");
    }

    [Fact]
    public async Task CallV1_ReusedNonce_AnswersSignatureNonceUsed()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.Client.CallV1Async("DescribeRegions", null, "GET", p => p["SignatureNonce"] = "fixed-nonce", null)).EnsureOk();
        (await eci.Client.CallV1Async("DescribeRegions", null, "GET", p => p["SignatureNonce"] = "fixed-nonce", null)).AssertError(400, "SignatureNonceUsed");
    }

    [Fact]
    public async Task CallV3_ReusedNonce_AnswersSignatureNonceUsed()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.Client.CallV3Async("DescribeRegions", new Dictionary<string, string>(), nonce: "n-1")).EnsureOk();
        (await eci.Client.CallV3Async("DescribeRegions", new Dictionary<string, string>(), nonce: "n-1")).AssertError(400, "SignatureNonceUsed");
    }

    [Fact]
    public async Task CallV1_UnknownAccessKey_AnswersInvalidAccessKeyIdNotFound()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        using EciTestClient stranger = new(eci.Host.BaseUri, "LTAI-unknown", "x", eci.Time);
        (await stranger.CallAsync("DescribeRegions")).AssertError(404, "InvalidAccessKeyId.NotFound");
    }

    [Fact]
    public async Task CallV1_NoSignature_AnswersMissingParameter()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        using HttpClient http = new() { BaseAddress = eci.Host.BaseUri };
        using HttpResponseMessage response = await http.GetAsync(new Uri("/?Action=DescribeRegions&Version=2018-08-08", UriKind.Relative), TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body.Contains("\"MissingParameter\"", StringComparison.Ordinal), $"Expected 400 MissingParameter, got {(int)response.StatusCode} {body}");
    }

    [Fact]
    public async Task Call_UnknownAction_AnswersInvalidApiNotFound()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.Client.CallAsync("DescribeNothing")).AssertError(404, "InvalidApi.NotFound");
    }

    [Fact]
    public async Task Call_WithoutRegionId_AnswersMissingParameter()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.Client.CallV1Async("DescribeContainerGroups", null, "POST", p => p.Remove("RegionId"), null)).AssertError(400, "MissingParameter");
    }

    [Fact]
    public async Task Call_NonNumericLimit_AnswersInvalidParameter()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.Client.CallAsync("DescribeContainerGroups", new Dictionary<string, string> { ["Limit"] = "many" })).AssertError(400, "InvalidParameter");
    }

    [Fact]
    public async Task CallV1_StsKeyWithoutItsToken_AnswersMismatchAndWithTokenSucceeds()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync(o => o.AccessKeys.Add(new Hosting.AccessKeyCredential("STS.id", "sts-secret", "token-1")));
        using EciTestClient sts = new(eci.Host.BaseUri, "STS.id", "sts-secret", eci.Time);
        (await sts.CallAsync("DescribeRegions")).AssertError(400, "InvalidSecurityToken.MismatchWithAccessKey");
        (await sts.CallV1Async("DescribeRegions", null, "GET", p => p["SecurityToken"] = "token-1", null)).EnsureOk();
    }

    [Fact]
    public async Task Call_PutMethod_AnswersUnsupportedHttpMethodInEnvelope()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        using HttpClient http = new() { BaseAddress = eci.Host.BaseUri };
        using HttpResponseMessage response = await http.PutAsync(new Uri("/?Action=DescribeRegions", UriKind.Relative), null, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body.Contains("\"UnsupportedHTTPMethod\"", StringComparison.Ordinal), $"Expected 400 UnsupportedHTTPMethod, got {(int)response.StatusCode} {body}");
    }
}
