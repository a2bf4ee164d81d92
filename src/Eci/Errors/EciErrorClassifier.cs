namespace OrleansEci.Eci.Errors;

/// <summary>
/// The one place where an ECI failure gets its <see cref="EciErrorCategory"/>, from the HTTP
/// status and ECI's <c>Code</c>. Codes and statuses are from eci-openapi.md §5 (POP gateway table
/// https://help.aliyun.com/document_detail/435312.html, ECI public error codes
/// https://help.aliyun.com/en/eci/developer-reference/api-eci-2018-08-08-errorcodes, Terraform's
/// NeedRetry, darabonba-openapi's error mapping). A code decides first; the status only decides
/// when the code is unknown or missing.
/// </summary>
public static class EciErrorClassifier
{
    private static readonly Dictionary<string, EciErrorCategory> ExactCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DryRunOperation"] = EciErrorCategory.DryRunPassed,
        ["Throttling"] = EciErrorCategory.Throttled,
        ["Degrade.Api"] = EciErrorCategory.Throttled,
        ["Rejected.Throttling"] = EciErrorCategory.Throttled,
        ["ServiceUnavailable"] = EciErrorCategory.Transient,
        ["InternalError"] = EciErrorCategory.Transient,
        ["UnknownError"] = EciErrorCategory.Transient,
        ["containerRepositoryAuthorizationFailed"] = EciErrorCategory.Transient,
        ["OperationDenied.NoStock"] = EciErrorCategory.NoStock,
        ["RecommendEmpty.InstanceTypeNoStock"] = EciErrorCategory.NoStock,
        ["Zone.NotOnSale"] = EciErrorCategory.NoStock,
        ["InvalidResourceType.NotSupported"] = EciErrorCategory.NoStock,
        ["InstanceType.Offline"] = EciErrorCategory.NoStock,
        ["DedicatedHostQuotaExceeded"] = EciErrorCategory.Quota,
        ["DiskNumber.LimitExceed"] = EciErrorCategory.Quota,
        ["InvalidVSwitchId.IpNotEnough"] = EciErrorCategory.Quota,
        ["SecurityGroupInstanceLimitExceed"] = EciErrorCategory.Quota,
        ["Account.Arrearage"] = EciErrorCategory.Account,
        ["InsufficientBalance"] = EciErrorCategory.Account,
        ["Forbidden.UserVerification"] = EciErrorCategory.Account,
        // A create that names a vSwitch or security group that does not exist is a configuration
        // error, not "the container group is gone": a caller that treats NotFound as "already deleted"
        // must never see these as NotFound.
        ["InvalidVSwitchId.NotFound"] = EciErrorCategory.InvalidRequest,
        ["InvalidSecurityGroupId.NotFound"] = EciErrorCategory.InvalidRequest,
        ["IdempotentParameterMismatch"] = EciErrorCategory.IdempotencyMismatch,
        ["IncorrectStatus"] = EciErrorCategory.IncorrectStatus,
        ["SignatureDoesNotMatch"] = EciErrorCategory.Auth,
        ["IncompleteSignature"] = EciErrorCategory.Auth,
        ["InvalidAccessKeyId.NotFound"] = EciErrorCategory.Auth,
        ["InvalidAccessKeyId.Inactive"] = EciErrorCategory.Auth,
        ["InvalidTimeStamp.Expired"] = EciErrorCategory.Auth,
        ["InvalidTimeStamp.Format"] = EciErrorCategory.Auth,
        ["SignatureNonceUsed"] = EciErrorCategory.Auth,
        ["Forbidden.RAM"] = EciErrorCategory.Forbidden,
        ["Forbidden"] = EciErrorCategory.Forbidden,
        ["CreateServiceLinkedRole.Denied"] = EciErrorCategory.Forbidden,
        ["InvalidAction"] = EciErrorCategory.NotSupported,
        ["InvalidApi.NotFound"] = EciErrorCategory.NotSupported,
        ["UnsupportedHTTPMethod"] = EciErrorCategory.NotSupported,
        ["BatchCreateNotSupportExistingCloudDisk"] = EciErrorCategory.NotSupported,
        ["CloudDisk.NotInSameZone"] = EciErrorCategory.NotSupported,
        ["DiskVolume.NotInSameZone"] = EciErrorCategory.NotSupported,
        ["CorePattern.UpdateFail"] = EciErrorCategory.NotSupported,
    };

    // Families matched by prefix, after the exact codes; the first match wins.
    private static readonly (string Prefix, EciErrorCategory Category)[] CodePrefixes =
    [
        ("Throttling", EciErrorCategory.Throttled),
        ("InternalError", EciErrorCategory.Transient),
        ("QuotaExceed", EciErrorCategory.Quota),
        ("InvalidSecurityToken", EciErrorCategory.Auth),
        ("IncorrectStatus", EciErrorCategory.IncorrectStatus),
        ("Account.", EciErrorCategory.Account),
        ("Missing", EciErrorCategory.InvalidRequest),
        ("UnsupportedParameter", EciErrorCategory.InvalidRequest),
    ];

    /// <summary>
    /// Classifies a failure. <paramref name="httpStatus"/> is null when no HTTP answer arrived
    /// (connection failure, timeout): that is <see cref="EciErrorCategory.Transient"/>.
    /// </summary>
    public static EciErrorCategory Classify(int? httpStatus, string? code)
    {
        if (httpStatus is null && string.IsNullOrEmpty(code))
        {
            return EciErrorCategory.Transient;
        }

        return string.IsNullOrEmpty(code) ? ByStatus(httpStatus) : ByCode(code) ?? ByStatus(httpStatus);
    }

    /// <summary>Whether a failure of this category may succeed if the same request is sent again.</summary>
    public static bool IsRetryable(EciErrorCategory category) =>
        category is EciErrorCategory.Throttled or EciErrorCategory.Transient;

    private static EciErrorCategory? ByCode(string code)
    {
        if (ExactCodes.TryGetValue(code, out var category))
        {
            return category;
        }

        foreach (var (prefix, family) in CodePrefixes)
        {
            if (code.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return family;
            }
        }

        // Families matched by shape: "*Throttling*" (Terraform NeedRetry), "*.NoStock",
        // "*LimitExceed*", "*.NotFound" (e.g. InvalidParameter.NotFound, S9), "Invalid*" (D-gwerr).
        if (code.Contains("Throttling", StringComparison.OrdinalIgnoreCase))
        {
            return EciErrorCategory.Throttled;
        }

        if (code.EndsWith("NoStock", StringComparison.OrdinalIgnoreCase))
        {
            return EciErrorCategory.NoStock;
        }

        if (code.Contains("LimitExceed", StringComparison.OrdinalIgnoreCase))
        {
            return EciErrorCategory.Quota;
        }

        if (code.EndsWith(".NotFound", StringComparison.OrdinalIgnoreCase))
        {
            return EciErrorCategory.NotFound;
        }

        return code.StartsWith("Invalid", StringComparison.OrdinalIgnoreCase) ? EciErrorCategory.InvalidRequest : null;
    }

    private static EciErrorCategory ByStatus(int? httpStatus) => httpStatus switch
    {
        null => EciErrorCategory.Transient,
        401 => EciErrorCategory.Auth,
        403 => EciErrorCategory.Forbidden,
        404 => EciErrorCategory.NotFound,
        408 => EciErrorCategory.Transient,
        429 => EciErrorCategory.Throttled,
        >= 500 and <= 599 => EciErrorCategory.Transient,
        >= 400 and <= 499 => EciErrorCategory.InvalidRequest,
        _ => EciErrorCategory.Unknown,
    };
}
