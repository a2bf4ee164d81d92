namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>
/// The error codes this service answers, with the HTTP status and message text of Alibaba's POP gateway
/// (reference/eci-openapi.md §2 and §5; messages as published in the gateway's common error table,
/// https://help.aliyun.com/en/document_detail/434846.html).
/// </summary>
internal static class EciErrors
{
    public static EciApiException MissingParameter(string name) =>
        new(400, "MissingParameter", $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.");

    public static EciApiException InvalidParameter(string name, string why) =>
        new(400, "InvalidParameter", $"The specified parameter \"{name}\" is not valid. {why}");

    public static EciApiException SignatureDoesNotMatch(string serverStringToSign) =>
        new(400, "SignatureDoesNotMatch", $"Specified signature does not match our calculation. server string to sign is:{serverStringToSign}");

    public static EciApiException IncompleteSignature(string why) =>
        new(400, "IncompleteSignature", $"The request signature does not conform to Aliyun standards. {why}");

    public static EciApiException TimestampExpired(string value) =>
        new(400, "InvalidTimeStamp.Expired", $"Specified time stamp or date value is expired. (value: {value})");

    public static EciApiException TimestampFormat(string value) =>
        new(400, "InvalidTimeStamp.Format", $"Specified time stamp or date value is not well formatted. (value: {value})");

    public static EciApiException NonceUsed(string nonce) =>
        new(400, "SignatureNonceUsed", $"Specified signature nonce was used already. (nonce: {nonce})");

    public static EciApiException AccessKeyNotFound() =>
        new(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");

    public static EciApiException ApiNotFound(string action) =>
        new(404, "InvalidApi.NotFound", $"Specified api is not found, please check your url and method. (Action: {action})");

    public static EciApiException UnsupportedMethod(string method) =>
        new(400, "UnsupportedHTTPMethod", $"This http method is not supported. (method: {method})");

    public static EciApiException Throttled(IReadOnlyDictionary<string, string> headers) =>
        new(400, "Throttling.User", "Request was denied due to user flow control.") { Headers = headers };

    public static EciApiException InternalError() =>
        new(500, "InternalError", "The request processing has failed due to some unknown error, exception or failure.");

    public static EciApiException ServiceUnavailable() =>
        new(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

    public static EciApiException NoStock() =>
        new(403, "OperationDenied.NoStock", "The resource is out of stock in the specified zone. Please try other types of resources or other regions and zones.");

    public static EciApiException IdempotentMismatch() =>
        new(400, "IdempotentParameterMismatch", "The specified parameters are different from before for the same ClientToken.");

    public static EciApiException IncorrectStatus(string status) =>
        new(400, "IncorrectStatus", $"The current status of the resource does not support this operation. (status: {status})");

    // Not confirmed for ECI (reference §9: not-found code for a ContainerGroupId is [U]). Terraform treats
    // InvalidParameter.NotFound as "not found" (reference §5) and the SDKs treat HTTP 404 as not found.
    public static EciApiException GroupNotFound(string id) =>
        new(404, "InvalidParameter.NotFound", $"The specified ContainerGroupId \"{id}\" does not exist.");

    public static EciApiException ContainerNotFound(string name) =>
        new(404, "InvalidParameter.NotFound", $"The specified ContainerName \"{name}\" does not exist in the container group.");

    public static EciApiException VSwitchNotFound(string id) =>
        new(400, "InvalidVSwitchId.NotFound", $"The specified VSwitchId \"{id}\" does not exist.");

    public static EciApiException SecurityGroupNotFound(string id) =>
        new(400, "InvalidSecurityGroupId.NotFound", $"The specified SecurityGroupId \"{id}\" does not exist.");

    public static EciApiException VSwitchIpNotEnough(string id) =>
        new(403, "InvalidVSwitchId.IpNotEnough", $"The specified VSwitch \"{id}\" has not enough IpAddress.");

    public static EciApiException SecurityGroupLimit(string id) =>
        new(403, "SecurityGroupInstanceLimitExceed", $"The number of instances in the security group \"{id}\" exceeds the limit.");

    // ECI's own code for the regional vCPU quota was not found (reference §9); this name is an assumption.
    public static EciApiException CpuQuotaExceeded(double used, double max, double requested) =>
        new(403, "QuotaExceed.Cpu", $"The regional vCPU quota is exceeded. (used: {used}, max: {max}, requested: {requested})");

    public static EciApiException DryRunOperation() =>
        new(400, "DryRunOperation", "Request validation has been passed with DryRun flag set.");
}
