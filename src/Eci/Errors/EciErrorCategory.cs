namespace OrleansEci.Eci.Errors;

/// <summary>
/// The closed taxonomy of ECI failures (eci-openapi.md §5). Built only by
/// <see cref="EciErrorClassifier.Classify"/>.
/// </summary>
public enum EciErrorCategory
{
    /// <summary>Not recognised; not retried.</summary>
    Unknown,

    /// <summary>Flow control (<c>Throttling*</c>, <c>Degrade.Api</c>): retried after <see cref="EciException.RetryAfter"/> or a backoff.</summary>
    Throttled,

    /// <summary>No answer, a timeout or a 5xx (<c>InternalError</c>, <c>ServiceUnavailable</c>): retried.</summary>
    Transient,

    /// <summary>The zone or instance type is sold out (<c>OperationDenied.NoStock</c>): try another zone or spec.</summary>
    NoStock,

    /// <summary>A quota or capacity limit: vCPU quota, vSwitch IPs, security-group instances, disks.</summary>
    Quota,

    /// <summary>The account cannot buy: overdue payment, balance, real-name verification.</summary>
    Account,

    /// <summary>A parameter is missing or invalid; the same request will fail again.</summary>
    InvalidRequest,

    /// <summary>The container group (or another named resource) does not exist.</summary>
    NotFound,

    /// <summary>The instance is in a status that does not allow the operation (<c>IncorrectStatus</c>).</summary>
    IncorrectStatus,

    /// <summary>The ClientToken was used before with different parameters (<c>IdempotentParameterMismatch</c>).</summary>
    IdempotencyMismatch,

    /// <summary>Authentication failed: signature, AccessKey, timestamp, nonce or STS token.</summary>
    Auth,

    /// <summary>Authenticated but not allowed (<c>Forbidden.RAM</c>, service-linked role denied).</summary>
    Forbidden,

    /// <summary>The action or a combination of features is not supported.</summary>
    NotSupported,

    /// <summary><c>DryRunOperation</c>: a DryRun request passed every check. A success, not a failure.</summary>
    DryRunPassed,
}
