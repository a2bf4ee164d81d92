using OrleansEci.Emulators.Eci.Protocol;
using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Protocol;

/// <summary>The emulator's verifier and the test signer against the published vectors (reference §1.5, §1.6).</summary>
public sealed class SignatureVectorTests
{
    private static Dictionary<string, string> VectorA(string timestampKey = "Timestamp") => new(StringComparer.Ordinal)
    {
        ["AccessKeyId"] = "testid",
        ["Action"] = "DescribeRegions",
        ["Format"] = "XML",
        ["SignatureMethod"] = "HMAC-SHA1",
        ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        ["SignatureVersion"] = "1.0",
        [timestampKey] = "2016-02-23T12:46:24Z",
        ["Version"] = "2014-05-26",
    };

    [Fact]
    public void SignV1_DescribeRegionsVector_MatchesPublishedSignature()
    {
        string toSign = SignatureV1.StringToSign("GET", VectorA());
        Assert.Equal("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26", toSign);
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", SignatureV1.Sign(toSign, "testsecret"));
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", TestSigner.V1("GET", VectorA(), "testsecret"));
    }

    [Fact]
    public void SignV1_OlderTimeStampSpelling_MatchesPublishedSignature()
    {
        Assert.Equal("CT9X0VtwR86fNWSnsc6v8YGOjuE=", SignatureV1.Sign(SignatureV1.StringToSign("GET", VectorA("TimeStamp")), "testsecret"));
        Assert.Equal("CT9X0VtwR86fNWSnsc6v8YGOjuE=", TestSigner.V1("GET", VectorA("TimeStamp"), "testsecret"));
    }

    [Fact]
    public void SignV1_NonAsciiVector_MatchesPublishedSignature()
    {
        Dictionary<string, string> p = new(StringComparer.Ordinal)
        {
            ["AccessKeyId"] = "testId", ["Action"] = "SendSms", ["Format"] = "XML", ["OutId"] = "123",
            ["PhoneNumbers"] = "15300000001", ["RegionId"] = "cn-hangzhou", ["SignName"] = "阿里云短信测试专用",
            ["SignatureMethod"] = "HMAC-SHA1", ["SignatureNonce"] = "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            ["SignatureVersion"] = "1.0", ["TemplateCode"] = "SMS_71390007", ["TemplateParam"] = "{\"customer\":\"test\"}",
            ["Timestamp"] = "2017-07-12T02:42:19Z", ["Version"] = "2017-05-25",
        };
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", SignatureV1.Sign(SignatureV1.StringToSign("GET", p), "testSecret"));
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", TestSigner.V1("GET", p, "testSecret"));
    }

    [Fact]
    public void SignV1_SdkUnitTestVector_MatchesPublishedSignature()
    {
        Dictionary<string, string> p = new() { ["test"] = "ok" };
        Assert.Equal("&%2F&test%3Dok", SignatureV1.StringToSign("", p));
        Assert.Equal("jHx/oHoHNrbVfhncHEvPdHXZwHU=", SignatureV1.Sign("&%2F&test%3Dok", "accessKeySecret"));
    }

    [Fact]
    public void SignV3_DocumentationVector_MatchesPublishedSignature()
    {
        Dictionary<string, IReadOnlyList<string>> headers = new()
        {
            ["host"] = ["ecs.cn-shanghai.aliyuncs.com"],
            ["x-acs-action"] = ["RunInstances"],
            ["x-acs-version"] = ["2014-05-26"],
            ["x-acs-date"] = ["2023-10-26T09:01:01Z"],
            ["x-acs-signature-nonce"] = ["d410180a5abf7fe235dd9b74aca91fc0"],
            ["x-acs-content-sha256"] = ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
        };
        Dictionary<string, string> query = new() { ["ImageId"] = "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", ["RegionId"] = "cn-shanghai" };
        string canonical = SignatureV3.CanonicalRequest("POST", query, headers, [.. headers.Keys], headers["x-acs-content-sha256"][0]);
        string toSign = SignatureV3.StringToSign(canonical);
        Assert.Equal("ACS3-HMAC-SHA256\n29622f5feb1e9fcaaa2e276a72889c975f7b16f00e02be1ca34965b18cd85015", toSign);
        Assert.Equal("e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804", SignatureV3.Sign(toSign, "YourAccessKeySecret"));
        Dictionary<string, string> flat = headers.ToDictionary(h => h.Key, h => h.Value[0]);
        Assert.Equal("e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804",
            TestSigner.V3("POST", query, flat, flat["x-acs-content-sha256"], "YourAccessKeySecret", out string signed));
        Assert.Equal("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version", signed);
    }

    [Fact]
    public void SignV3_SdkUnitTestVector_JoinsDuplicateHeadersAndMatches()
    {
        Dictionary<string, IReadOnlyList<string>> headers = new() { ["x-acs-test"] = ["http", "https"] };
        Dictionary<string, string> query = new() { ["test"] = "ok", ["empty"] = "" };
        string canonical = SignatureV3.CanonicalRequest("", query, headers, ["x-acs-test"], "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23");
        Assert.Contains("x-acs-test:http,https\n", canonical, StringComparison.Ordinal);
        Assert.Contains("empty=&test=ok", canonical, StringComparison.Ordinal);
        Assert.Equal("4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3", SignatureV3.Sign(SignatureV3.StringToSign(canonical), "secret"));
    }
}
