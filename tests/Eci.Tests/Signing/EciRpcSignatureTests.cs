using OrleansEci.Eci.Signing;

namespace OrleansEci.Eci.Tests.Signing;

/// <summary>The published signature vectors of eci-openapi.md §1.5.</summary>
public sealed class EciRpcSignatureTests
{
    private static readonly Dictionary<string, string> DescribeRegions = new()
    {
        ["AccessKeyId"] = "testid",
        ["Action"] = "DescribeRegions",
        ["Format"] = "XML",
        ["SignatureMethod"] = "HMAC-SHA1",
        ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        ["SignatureVersion"] = "1.0",
        ["Timestamp"] = "2016-02-23T12:46:24Z",
        ["Version"] = "2014-05-26",
    };

    [Fact]
    public void Compute_PublishedDescribeRegionsVector_MatchesStringToSignAndSignature()
    {
        const string expected = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";

        Assert.Equal(expected, EciRpcSignature.StringToSign("GET", DescribeRegions));
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", EciRpcSignature.Compute("GET", DescribeRegions, "testsecret"));
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D", EciRpcSignature.PercentEncode("OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
    }

    [Fact]
    public void Compute_OlderDocVariantWithTimeStampSpelling_MatchesPublishedSignature()
    {
        var parameters = new Dictionary<string, string>(DescribeRegions);
        parameters.Remove("Timestamp");
        parameters["TimeStamp"] = "2016-02-23T12:46:24Z";

        Assert.Equal("CT9X0VtwR86fNWSnsc6v8YGOjuE=", EciRpcSignature.Compute("GET", parameters, "testsecret"));
    }

    [Fact]
    public void Compute_NonAsciiSmsVector_MatchesPublishedSignature()
    {
        var parameters = new Dictionary<string, string>
        {
            ["AccessKeyId"] = "testId",
            ["Action"] = "SendSms",
            ["Format"] = "XML",
            ["OutId"] = "123",
            ["PhoneNumbers"] = "15300000001",
            ["RegionId"] = "cn-hangzhou",
            ["SignName"] = "阿里云短信测试专用",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = "SMS_71390007",
            ["TemplateParam"] = """{"customer":"test"}""",
            ["Timestamp"] = "2017-07-12T02:42:19Z",
            ["Version"] = "2017-05-25",
        };

        string stringToSign = EciRpcSignature.StringToSign("GET", parameters);

        Assert.Contains("SignName%3D%25E9%2598%25BF", stringToSign, StringComparison.Ordinal);
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", EciRpcSignature.Compute("GET", parameters, "testSecret"));
    }

    [Fact]
    public void Compute_OfficialSdkUnitTestVector_MatchesPublishedSignature()
    {
        var parameters = new Dictionary<string, string> { ["test"] = "ok" };

        Assert.Equal("&%2F&test%3Dok", EciRpcSignature.StringToSign("", parameters));
        Assert.Equal("jHx/oHoHNrbVfhncHEvPdHXZwHU=", EciRpcSignature.Compute("", parameters, "accessKeySecret"));
    }

    [Theory]
    [InlineData("abcXYZ019-_.~", "abcXYZ019-_.~")]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b*c", "a%2Bb%2Ac")]
    [InlineData("!'()", "%21%27%28%29")]
    [InlineData("/:=&", "%2F%3A%3D%26")]
    [InlineData("阿", "%E9%98%BF")]
    [InlineData("", "")]
    public void PercentEncode_Value_FollowsRfc3986WithUpperCaseHex(string value, string expected)
    {
        Assert.Equal(expected, EciRpcSignature.PercentEncode(value));
    }

    [Fact]
    public void Canonicalize_SignatureAndEmptyValues_ExcludesSignatureAndKeepsEmptyAsKeyEquals()
    {
        var parameters = new Dictionary<string, string> { ["b"] = "", ["Signature"] = "x", ["a"] = "1", ["B"] = "2" };

        Assert.Equal("B=2&a=1&b=", EciRpcSignature.Canonicalize(parameters));
    }
}
