using Microsoft.Extensions.Options;

using OrleansEci.Eci.Configuration;

namespace OrleansEci.Eci.Tests.Configuration;

public sealed class EciClientOptionsTests
{
    private static EciClientOptions Valid() => new()
    {
        RegionId = "cn-hangzhou",
        AccessKeyId = "id",
        AccessKeySecret = "very-secret-value",
        SecurityToken = "very-secret-token",
    };

    [Fact]
    public void Validate_ValidOptions_Succeeds()
    {
        var result = new EciClientOptionsValidator().Validate(null, Valid());

        Assert.True(result.Succeeded, "Expected valid options, got: " + result.FailureMessage);
    }

    [Theory]
    [InlineData("RegionId", "Eci:RegionId is empty. Set ECI_REGION")]
    [InlineData("AccessKeyId", "Eci:AccessKeyId is empty. Set ECI_ACCESS_KEY.")]
    [InlineData("AccessKeySecret", "Eci:AccessKeySecret is empty. Set ECI_SECRET_KEY.")]
    public void Validate_MissingRequiredSetting_SaysWhichVariableToSet(string setting, string expected)
    {
        var options = Valid();
        typeof(EciClientOptions).GetProperty(setting)!.SetValue(options, "");

        var result = new EciClientOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, $"Expected empty {setting} to fail validation.");
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadValues_ExplainsEachFix()
    {
        var options = Valid();
        options.RegionId = "Hangzhou";
        options.Endpoint = new Uri("ftp://example.com");
        options.AttemptTimeout = TimeSpan.Zero;
        options.MaxRetryAttempts = -1;
        options.RateLimits["CreateContainerGroup"] = new EciRateLimit { TokenLimit = 0, TokensPerPeriod = 20 };

        string message = new EciClientOptionsValidator().Validate(null, options).FailureMessage ?? "";

        Assert.Contains("Eci:RegionId 'Hangzhou' is not a region id", message, StringComparison.Ordinal);
        Assert.Contains("Eci:Endpoint 'ftp://example.com/' is not an absolute http(s) URI. Set ECI_ENDPOINT", message, StringComparison.Ordinal);
        Assert.Contains("Eci:AttemptTimeout is 00:00:00; it must be positive", message, StringComparison.Ordinal);
        Assert.Contains("Eci:MaxRetryAttempts is -1", message, StringComparison.Ordinal);
        Assert.Contains("Eci:RateLimits:CreateContainerGroup has TokenLimit=0", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidOptions_NeverQuotesTheSecret()
    {
        var options = Valid();
        options.RegionId = "";
        options.AccessKeyId = "";

        string message = new EciClientOptionsValidator().Validate(null, options).FailureMessage ?? "";

        Assert.DoesNotContain("very-secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithSecretAndToken_MasksBoth()
    {
        string text = Valid().ToString();

        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.Contains("AccessKeySecret=***", text, StringComparison.Ordinal);
        Assert.Contains("SecurityToken=***", text, StringComparison.Ordinal);
        Assert.Contains("AccessKeyId=id", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyEnvironment_SetVariables_OverrideAndUnsetOnesKeep()
    {
        var variables = new Dictionary<string, string?>
        {
            ["ECI_ACCESS_KEY"] = "env-id",
            ["ECI_SECRET_KEY"] = "env-secret",
            ["ECI_REGION"] = "cn-beijing",
            ["ECI_ENDPOINT"] = "http://127.0.0.1:5000",
            ["ECI_SECURITY_TOKEN"] = null,
        };

        var options = Valid().ApplyEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal(("env-id", "env-secret", "cn-beijing", "http://127.0.0.1:5000/", "very-secret-token"),
            (options.AccessKeyId, options.AccessKeySecret, options.RegionId, options.Endpoint?.ToString(), options.SecurityToken));
    }

    [Fact]
    public void ResolveEndpoint_NoEndpoint_IsThePublicRegionalOne()
    {
        Assert.Equal(new Uri("https://eci.cn-hangzhou.aliyuncs.com/"), Valid().ResolveEndpoint());
    }

    [Fact]
    public void DefaultRateLimits_PublishedFigures_AreTheDefaults()
    {
        var options = new EciClientOptions();

        Assert.Equal(EciRateLimit.Bucket(100, 20), options.RateLimitFor(EciActions.CreateContainerGroup));
        Assert.Equal(EciRateLimit.Bucket(100, 20), options.RateLimitFor(EciActions.DeleteContainerGroup));
        Assert.Equal(EciRateLimit.PerMinute(2000), options.RateLimitFor(EciActions.DescribeContainerGroups));
        Assert.Equal(EciRateLimit.PerMinute(10000), options.RateLimitFor(EciActions.DescribeContainerGroupStatus));
        Assert.Equal(EciRateLimit.PerMinute(500), options.RateLimitFor(EciActions.DescribeContainerLog));
        Assert.Equal(EciRateLimit.PerMinute(500), options.RateLimitFor(EciActions.ExecContainerCommand));
        Assert.Equal(EciRateLimit.PerMinute(1000), options.RateLimitFor("SomeOtherAction"));
    }

    [Fact]
    public void ThrowIfInvalid_InvalidOptions_ThrowsOptionsValidationException()
    {
        var error = Assert.Throws<OptionsValidationException>(() => EciClientOptionsValidator.ThrowIfInvalid(new EciClientOptions()));

        Assert.Contains("Set ECI_REGION", error.Message, StringComparison.Ordinal);
    }
}
