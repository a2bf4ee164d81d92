using System.Text.Json;

using Microsoft.AspNetCore.Http;

using OrleansEci.Eci.Errors;

namespace OrleansEci.KubeletApi.Errors;

/// <summary>
/// The one place kubelet API failures become HTTP answers (as virtual-kubelet's node/api/helpers.go): a problem's kind
/// decides the status, the body is the message as plain text, as the kubelet's <c>http.Error</c> answers are.
/// </summary>
public static class KubeletResults
{
    /// <summary>The HTTP status of <paramref name="kind"/>.</summary>
    public static int StatusCode(KubeletProblemKind kind) => kind switch
    {
        KubeletProblemKind.BadRequest => StatusCodes.Status400BadRequest,
        KubeletProblemKind.Unauthorized => StatusCodes.Status401Unauthorized,
        KubeletProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        KubeletProblemKind.NotFound => StatusCodes.Status404NotFound,
        KubeletProblemKind.NotImplemented => StatusCodes.Status501NotImplemented,
        KubeletProblemKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        KubeletProblemKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        KubeletProblemKind.UpstreamFailed => StatusCodes.Status502BadGateway,
        KubeletProblemKind.Internal => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The problem as an endpoint result.</summary>
    public static IResult ToResult(KubeletProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Results.Text(problem.Message + "\n", "text/plain; charset=utf-8", statusCode: StatusCode(problem.Kind));
    }

    /// <summary>Writes the problem when the response has not started (a follow that already streamed just ends).</summary>
    public static async Task WriteAsync(HttpResponse response, KubeletProblem problem)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(problem);
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = StatusCode(problem.Kind);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(problem.Message + "\n", response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the problem as a metav1.Status JSON body, for the streaming routes (<c>/exec</c>, <c>/attach</c>): their
    /// callers are client-go's SPDY and WebSocket dialers (in kube-apiserver or kubectl), which decode a Status body
    /// and report its message, where a text body would come out as "unable to upgrade connection: …".
    /// </summary>
    public static async Task WriteStatusAsync(HttpResponse response, KubeletProblem problem)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(problem);
        if (response.HasStarted)
        {
            return;
        }

        var code = StatusCode(problem.Kind);
        using var body = new MemoryStream();
        // Relaxed escaping keeps quotes in messages readable (\" rather than \u0022); the body is never embedded in HTML.
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("kind", "Status");
            json.WriteString("apiVersion", "v1");
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            json.WriteString("status", "Failure");
            json.WriteString("message", problem.Message);
            json.WriteString("reason", Reason(problem.Kind));
            json.WriteNumber("code", code);
            json.WriteEndObject();
        }

        response.StatusCode = code;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(body.ToArray(), response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The metav1.StatusReason of <paramref name="kind"/> (k8s.io/apimachinery/pkg/apis/meta/v1/types.go);
    /// 501 and 502 have none there, so they are named after the HTTP status.</summary>
    public static string Reason(KubeletProblemKind kind) => kind switch
    {
        KubeletProblemKind.BadRequest => "BadRequest",
        KubeletProblemKind.Unauthorized => "Unauthorized",
        KubeletProblemKind.Forbidden => "Forbidden",
        KubeletProblemKind.NotFound => "NotFound",
        KubeletProblemKind.NotImplemented => "NotImplemented",
        KubeletProblemKind.TooManyRequests => "TooManyRequests",
        KubeletProblemKind.Unavailable => "ServiceUnavailable",
        KubeletProblemKind.UpstreamFailed => "BadGateway",
        _ => "InternalError",
    };

    /// <summary>An ECI failure while serving <paramref name="what"/>, classified by its category.</summary>
    public static KubeletProblem FromEci(EciException error, string what)
    {
        ArgumentNullException.ThrowIfNull(error);
        var detail = $"{what}: ECI {error.Action} failed ({error.Code ?? error.Category.ToString()}): {error.ErrorMessage ?? error.Message}";
        var kind = error.Category switch
        {
            EciErrorCategory.NotFound => KubeletProblemKind.NotFound,
            EciErrorCategory.Throttled => KubeletProblemKind.TooManyRequests,
            EciErrorCategory.Transient => KubeletProblemKind.Unavailable,
            EciErrorCategory.IncorrectStatus or EciErrorCategory.InvalidRequest => KubeletProblemKind.BadRequest,
            _ => KubeletProblemKind.UpstreamFailed,
        };
        return new KubeletProblem(kind, detail);
    }
}
