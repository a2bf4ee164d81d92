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
