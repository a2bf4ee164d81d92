using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Auth;
using OrleansEci.Emulators.Kube.Discovery;
using OrleansEci.Emulators.Kube.OpenApi;

namespace OrleansEci.Emulators.Kube.Hosting;

/// <summary>Maps the server's HTTP surface: authentication, discovery and health, then every resource path.</summary>
public static class KubeApiEndpoints
{
    public static WebApplication MapKubeApi(this WebApplication app)
    {
        if (app.Services.GetRequiredService<KubeApiServerOptions>().Token is not null)
        {
            app.UseMiddleware<BearerTokenMiddleware>();
        }

        // exec/attach/portforward accept WebSocket upgrades (kubectl ≥ 1.30); this provides HttpContext.WebSockets.
        app.UseWebSockets();
        app.MapKubeDiscovery();
        app.MapKubeOpenApi();
        var dispatcher = app.Services.GetRequiredService<ApiDispatcher>();
        app.Map("/api/{**path}", dispatcher.HandleAsync);
        app.Map("/apis/{**path}", dispatcher.HandleAsync);
        app.MapFallback((HttpContext http) => JsonResponses.WriteErrorAsync(http, Errors.ApiErrors.NoSuchResource()));
        return app;
    }
}
