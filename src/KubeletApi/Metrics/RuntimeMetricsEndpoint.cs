using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

using OrleansEci.KubeletApi.Errors;

namespace OrleansEci.KubeletApi.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the runtime's Prometheus metrics (kubelet serves its own at the same path; the API server's
/// <c>nodes/metrics</c> permission guards it, which <c>KubeletRequestAttributes</c> derives from the path).
/// </summary>
internal static class RuntimeMetricsEndpoint
{
    public static IResult Handle(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.RequestServices.GetService<IRuntimeMetricsWriter>() is not { } writer)
        {
            return KubeletResults.ToResult(new KubeletProblem(KubeletProblemKind.NotImplemented,
                "this host exports no runtime metrics (no IRuntimeMetricsWriter is registered)"));
        }

        return Results.Stream(output => writer.WriteAsync(output, cancellationToken), writer.ContentType);
    }
}
