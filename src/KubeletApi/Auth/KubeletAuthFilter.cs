using k8s.Autorest;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.KubeletApi.Errors;
using OrleansEci.KubeletApi.Hosting;

namespace OrleansEci.KubeletApi.Auth;

/// <summary>
/// Runs before every kubelet route, as the kubelet's auth filter (pkg/kubelet/server/server.go <c>InstallAuthFilter</c>):
/// 401 <c>Unauthorized</c> when nobody is authenticated, 403 <c>Forbidden (user=…, verb=…, resource=…, subresource=…)</c>
/// when SubjectAccessReview says no, 500 when it cannot be asked. A port that serves no node answers 404.
/// </summary>
internal sealed class KubeletAuthFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        if (services.GetRequiredService<KubeletNodes>().NodeFor(http.Connection.LocalPort) is not { } node)
        {
            return KubeletResults.ToResult(KubeletProblem.NotFound($"port {http.Connection.LocalPort} serves no virtual node"));
        }

        var attributes = KubeletRequestAttributes.For(http.Request.Method, http.Request.Path.Value ?? "/");
        try
        {
            var user = await services.GetRequiredService<KubeletAuthenticator>().AuthenticateAsync(http).ConfigureAwait(false);
            if (user is null)
            {
                return KubeletResults.ToResult(new KubeletProblem(KubeletProblemKind.Unauthorized, "Unauthorized"));
            }

            var authorizer = services.GetRequiredService<KubeletAuthorizer>();
            var allowed = (attributes.FineGrained is { } narrow
                    && await authorizer.IsAllowedAsync(user, node, attributes.Verb, narrow, http.RequestAborted).ConfigureAwait(false))
                || await authorizer.IsAllowedAsync(user, node, attributes.Verb, attributes.Subresource, http.RequestAborted).ConfigureAwait(false);
            if (!allowed)
            {
                return KubeletResults.ToResult(new KubeletProblem(KubeletProblemKind.Forbidden,
                    $"Forbidden (user={user.Name}, verb={attributes.Verb}, resource=nodes, subresource={attributes.Subresource})"));
            }

            KubeletRequest.Set(http, node, user);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or TaskCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            KubeletApiLog.AuthCheckFailed(services.GetRequiredService<ILogger<KubeletAuthFilter>>(), http.Request.Path.Value ?? "/", e);
            return KubeletResults.ToResult(new KubeletProblem(KubeletProblemKind.Internal,
                $"Authorization error (verb={attributes.Verb}, resource=nodes, subresource={attributes.Subresource}): the API server could not be asked"));
        }

        return await next(context).ConfigureAwait(false);
    }
}
