using System.Globalization;

namespace OrleansEci.Eci.Errors;

/// <summary>
/// A failed ECI call. Always carries the category, and whatever ECI said: <see cref="Code"/>,
/// <see cref="ErrorMessage"/>, <see cref="RequestId"/>, the HTTP status; when it wraps a transport
/// failure, the original exception is the <see cref="Exception.InnerException"/>. Created only by
/// <see cref="FromResponse"/> and <see cref="FromTransport"/>, which classify through
/// <see cref="EciErrorClassifier"/>. Messages never contain credentials (the client redacts them).
/// </summary>
public sealed class EciException : Exception
{
    private EciException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>The ECI action that failed, e.g. <c>CreateContainerGroup</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The category, from <see cref="EciErrorClassifier.Classify"/>.</summary>
    public required EciErrorCategory Category { get; init; }

    /// <summary>ECI's error code, e.g. <c>OperationDenied.NoStock</c>; null when no answer arrived.</summary>
    public string? Code { get; init; }

    /// <summary>ECI's error message, as sent (credentials redacted).</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>ECI's request id, to quote to Alibaba support.</summary>
    public string? RequestId { get; init; }

    /// <summary>ECI's <c>HostId</c> (the endpoint that answered).</summary>
    public string? HostId { get; init; }

    /// <summary>ECI's <c>Recommend</c> link to its troubleshooting page.</summary>
    public string? Recommend { get; init; }

    /// <summary>The HTTP status; null when no answer arrived.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>For <see cref="EciErrorCategory.Throttled"/>: how long ECI asked to wait, from the <c>x-ratelimit-*</c> headers.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether sending the same request again may succeed (throttled or transient).</summary>
    public bool IsRetryable => EciErrorClassifier.IsRetryable(Category);

    /// <summary>Builds the exception for an ECI error answer.</summary>
    public static EciException FromResponse(string action, int httpStatus, EciErrorBody body, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(body);
        var category = EciErrorClassifier.Classify(httpStatus, body.Code);
        string message = string.Create(CultureInfo.InvariantCulture,
            $"ECI {action} failed with {body.Code ?? "no code"} (HTTP {httpStatus}, {category}): {body.Message ?? "no message"} [RequestId {body.RequestId ?? "none"}]");
        return new EciException(message, inner: null)
        {
            Action = action,
            Category = category,
            Code = body.Code,
            ErrorMessage = body.Message,
            RequestId = body.RequestId,
            HostId = body.HostId,
            Recommend = body.Recommend,
            HttpStatus = httpStatus,
            RetryAfter = category == EciErrorCategory.Throttled ? retryAfter : null,
        };
    }

    /// <summary>Builds the exception for a call that got no usable answer (connection failure, timeout).</summary>
    public static EciException FromTransport(string action, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(inner);
        var category = EciErrorClassifier.Classify(httpStatus: null, code: null);
        return new EciException($"ECI {action} got no answer ({category}): {inner.GetType().Name}: {inner.Message}", inner)
        {
            Action = action,
            Category = category,
        };
    }
}
