namespace OrleansEci.Eci.Errors;

/// <summary>
/// ECI's error envelope <c>{RequestId, HostId, Code, Message, Recommend}</c> (eci-openapi.md §2;
/// https://help.aliyun.com/en/openapi/user-guide/api-error-diagnosis).
/// </summary>
public sealed record EciErrorBody
{
    /// <summary>The request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>The endpoint host that answered.</summary>
    public string? HostId { get; init; }

    /// <summary>The error code, e.g. <c>Throttling.User</c>.</summary>
    public string? Code { get; init; }

    /// <summary>The human-readable message.</summary>
    public string? Message { get; init; }

    /// <summary>A troubleshooting link.</summary>
    public string? Recommend { get; init; }
}
