using OrleansEci.Eci.Errors;

namespace OrleansEci.Eci.Tests.Errors;

/// <summary>Every code of eci-openapi.md §5, with the HTTP status it is documented with.</summary>
public sealed class EciErrorClassifierTests
{
    public static TheoryData<string, int, EciErrorCategory> DocumentedCodes => new()
    {
        // Throttling
        { "Throttling", 400, EciErrorCategory.Throttled },
        { "Throttling.User", 400, EciErrorCategory.Throttled },
        { "Throttling.Api", 400, EciErrorCategory.Throttled },
        { "Degrade.Api", 400, EciErrorCategory.Throttled },
        { "Rejected.Throttling", 400, EciErrorCategory.Throttled },
        { "Throttling.Concurrency", 400, EciErrorCategory.Throttled },
        { "ServiceThrottling", 400, EciErrorCategory.Throttled },

        // Transient server
        { "ServiceUnavailable", 503, EciErrorCategory.Transient },
        { "InternalError", 500, EciErrorCategory.Transient },
        { "containerRepositoryAuthorizationFailed", 503, EciErrorCategory.Transient },
        { "UnknownError", 500, EciErrorCategory.Transient },

        // Stock
        { "OperationDenied.NoStock", 403, EciErrorCategory.NoStock },
        { "RecommendEmpty.InstanceTypeNoStock", 403, EciErrorCategory.NoStock },
        { "Zone.NotOnSale", 403, EciErrorCategory.NoStock },
        { "InvalidResourceType.NotSupported", 403, EciErrorCategory.NoStock },
        { "InstanceType.Offline", 403, EciErrorCategory.NoStock },

        // Quota and capacity
        { "QuotaExceed.ElasticQuota", 403, EciErrorCategory.Quota },
        { "QuotaExceeded.Cpu", 403, EciErrorCategory.Quota },
        { "DedicatedHostQuotaExceeded", 400, EciErrorCategory.Quota },
        { "DiskNumber.LimitExceed", 400, EciErrorCategory.Quota },
        { "InvalidVSwitchId.IpNotEnough", 403, EciErrorCategory.Quota },
        { "SecurityGroupInstanceLimitExceed", 403, EciErrorCategory.Quota },

        // Billing and account
        { "Account.Arrearage", 400, EciErrorCategory.Account },
        { "InsufficientBalance", 400, EciErrorCategory.Account },
        { "Forbidden.UserVerification", 403, EciErrorCategory.Account },

        // Invalid parameters
        { "MissingParameter", 400, EciErrorCategory.InvalidRequest },
        { "MissingContainerGroupId", 400, EciErrorCategory.InvalidRequest },
        { "InvalidParameter", 400, EciErrorCategory.InvalidRequest },
        { "InvalidContainerGroupName", 400, EciErrorCategory.InvalidRequest },
        { "InvalidParameter.Format", 400, EciErrorCategory.InvalidRequest },
        { "UnsupportedParameter", 400, EciErrorCategory.InvalidRequest },

        // Idempotency, state, not found
        { "IdempotentParameterMismatch", 400, EciErrorCategory.IdempotencyMismatch },
        { "IncorrectStatus", 400, EciErrorCategory.IncorrectStatus },
        { "InvalidParameter.NotFound", 400, EciErrorCategory.NotFound },
        { "InvalidContainerGroup.NotFound", 404, EciErrorCategory.NotFound },
        { "ContainerGroup.NotFound", 404, EciErrorCategory.NotFound },
        { "InvalidVSwitchId.NotFound", 400, EciErrorCategory.InvalidRequest },
        { "InvalidSecurityGroupId.NotFound", 400, EciErrorCategory.InvalidRequest },

        // Dry run
        { "DryRunOperation", 400, EciErrorCategory.DryRunPassed },

        // Auth and signature
        { "SignatureDoesNotMatch", 400, EciErrorCategory.Auth },
        { "SignatureDoesNotMatch", 403, EciErrorCategory.Auth },
        { "InvalidAccessKeyId.NotFound", 404, EciErrorCategory.Auth },
        { "InvalidAccessKeyId.NotFound", 400, EciErrorCategory.Auth },
        { "InvalidAccessKeyId.Inactive", 400, EciErrorCategory.Auth },
        { "InvalidTimeStamp.Expired", 400, EciErrorCategory.Auth },
        { "InvalidTimeStamp.Format", 400, EciErrorCategory.Auth },
        { "SignatureNonceUsed", 400, EciErrorCategory.Auth },
        { "IncompleteSignature", 400, EciErrorCategory.Auth },
        { "InvalidSecurityToken.Expired", 400, EciErrorCategory.Auth },
        { "Forbidden.RAM", 403, EciErrorCategory.Forbidden },
        { "CreateServiceLinkedRole.Denied", 403, EciErrorCategory.Forbidden },

        // Not supported
        { "InvalidAction", 403, EciErrorCategory.NotSupported },
        { "InvalidApi.NotFound", 404, EciErrorCategory.NotSupported },
        { "UnsupportedHTTPMethod", 400, EciErrorCategory.NotSupported },
        { "BatchCreateNotSupportExistingCloudDisk", 403, EciErrorCategory.NotSupported },
        { "CloudDisk.NotInSameZone", 400, EciErrorCategory.NotSupported },
        { "DiskVolume.NotInSameZone", 400, EciErrorCategory.NotSupported },
        { "CorePattern.UpdateFail", 400, EciErrorCategory.NotSupported },
    };

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public void Classify_DocumentedCode_GivesItsCategory(string code, int status, EciErrorCategory expected)
    {
        var actual = EciErrorClassifier.Classify(status, code);

        Assert.True(expected == actual, $"Expected {code} (HTTP {status}) to be {expected}, but it was {actual}.");
    }

    [Theory]
    [InlineData(null, EciErrorCategory.Transient)]
    [InlineData(500, EciErrorCategory.Transient)]
    [InlineData(502, EciErrorCategory.Transient)]
    [InlineData(503, EciErrorCategory.Transient)]
    [InlineData(504, EciErrorCategory.Transient)]
    [InlineData(429, EciErrorCategory.Throttled)]
    [InlineData(408, EciErrorCategory.Transient)]
    [InlineData(404, EciErrorCategory.NotFound)]
    [InlineData(403, EciErrorCategory.Forbidden)]
    [InlineData(401, EciErrorCategory.Auth)]
    [InlineData(400, EciErrorCategory.InvalidRequest)]
    [InlineData(200, EciErrorCategory.Unknown)]
    public void Classify_NoCode_FallsBackToHttpStatus(int? status, EciErrorCategory expected)
    {
        Assert.Equal(expected, EciErrorClassifier.Classify(status, code: null));
    }

    [Fact]
    public void Classify_UnknownCodeOn5xx_IsTransient()
    {
        Assert.Equal(EciErrorCategory.Transient, EciErrorClassifier.Classify(502, "SomethingNew"));
    }

    [Theory]
    [InlineData(EciErrorCategory.Throttled, true)]
    [InlineData(EciErrorCategory.Transient, true)]
    [InlineData(EciErrorCategory.NoStock, false)]
    [InlineData(EciErrorCategory.InvalidRequest, false)]
    [InlineData(EciErrorCategory.IdempotencyMismatch, false)]
    [InlineData(EciErrorCategory.Auth, false)]
    [InlineData(EciErrorCategory.DryRunPassed, false)]
    public void IsRetryable_Category_OnlyThrottledAndTransient(EciErrorCategory category, bool expected)
    {
        Assert.Equal(expected, EciErrorClassifier.IsRetryable(category));
    }

    [Fact]
    public void FromResponse_ThrottledAnswer_KeepsEverythingEciSaid()
    {
        var body = new EciErrorBody { Code = "Throttling.User", Message = "Request was denied due to user flow control.", RequestId = "R1", HostId = "eci.cn-hangzhou.aliyuncs.com", Recommend = "https://x" };

        var error = EciException.FromResponse("CreateContainerGroup", 400, body, TimeSpan.FromSeconds(2));

        Assert.Equal((EciErrorCategory.Throttled, "Throttling.User", "R1", 400, TimeSpan.FromSeconds(2)), (error.Category, error.Code, error.RequestId, error.HttpStatus, error.RetryAfter));
        Assert.Equal(("Request was denied due to user flow control.", "eci.cn-hangzhou.aliyuncs.com", "https://x"), (error.ErrorMessage, error.HostId, error.Recommend));
        Assert.True(error.IsRetryable);
        Assert.Contains("Throttling.User", error.Message, StringComparison.Ordinal);
        Assert.Contains("R1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_NotThrottled_DropsRetryAfter()
    {
        var error = EciException.FromResponse("DeleteContainerGroup", 400, new EciErrorBody { Code = "IncorrectStatus" }, TimeSpan.FromSeconds(2));

        Assert.Null(error.RetryAfter);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void FromTransport_WrapsInnerException_AsTransient()
    {
        var inner = new HttpRequestException("connection refused");

        var error = EciException.FromTransport("DescribeContainerGroups", inner);

        Assert.Same(inner, error.InnerException);
        Assert.Equal(EciErrorCategory.Transient, error.Category);
        Assert.Null(error.HttpStatus);
        Assert.Equal("DescribeContainerGroups", error.Action);
    }
}
