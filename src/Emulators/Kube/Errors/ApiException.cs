using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Errors;

/// <summary>
/// A request failure that the API answers with a <c>metav1.Status</c>. Build instances with <see cref="ApiErrors"/>,
/// which words them as kube-apiserver does; the HTTP layer turns them into responses in exactly one place.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public ApiException()
        : this(500, "InternalError", "internal error")
    {
    }

    public ApiException(string message)
        : this(500, "InternalError", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    /// <summary>HTTP status code (also <c>code</c> in the Status).</summary>
    public int Code { get; }

    /// <summary>The machine-readable <c>reason</c> (NotFound, AlreadyExists, Conflict, Invalid, ...).</summary>
    public string Reason { get; }

    /// <summary><c>details</c>, when the real server sends them.</summary>
    public StatusDetails? Details { get; }

    /// <summary>Extra <c>metadata</c> on the Status (e.g. a <c>continue</c> token on an expired list).</summary>
    public JsonObject? ListMetadata { get; init; }

    /// <summary>Response headers to add (e.g. <c>Retry-After</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The Status object: <c>{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",...}</c>.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = ListMetadata?.DeepClone() ?? new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            status["details"] = Details.ToJson();
        }

        status["code"] = Code;
        return status;
    }
}
