using System.Net;

using Microsoft.AspNetCore.Http;

namespace OrleansEci.Silo.Dashboard;

/// <summary>
/// Lets a dashboard request through only from loopback (or from anywhere when the operator set
/// <see cref="DashboardUiOptions.AllowRemote"/>); others get 403 saying how to reach the dashboard.
/// </summary>
internal sealed class LoopbackOnlyFilter(bool allowRemote) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        IPAddress? remote = context.HttpContext.Connection.RemoteIpAddress;
        if (allowRemote || remote is null || IPAddress.IsLoopback(remote))
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The dashboard answers loopback only",
            detail: "Reach it with `kubectl port-forward` to the silo's HTTP port, or set Dashboard:AllowRemote=true behind an authenticating proxy."));
    }
}
