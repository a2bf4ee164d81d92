using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Negotiation;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Api;

/// <summary>
/// Serves every <c>/api/...</c> and <c>/apis/...</c> resource request: finds the type, negotiates the representation,
/// and hands the request to the type's handler, a subresource handler, or the generic REST handlers. Every failure
/// becomes a Status here, in one place.
/// </summary>
public sealed partial class ApiDispatcher
{
    private readonly ResourceRegistry _registry;
    private readonly ResourceService _service;
    private readonly ApiOptions _options;
    private readonly IResponseRenderer[] _renderers;
    private readonly ILogger<ApiDispatcher> _logger;

    public ApiDispatcher(ResourceRegistry registry, ResourceService service, IOptions<ApiOptions> options, IEnumerable<IResponseRenderer> renderers,
        ILogger<ApiDispatcher> logger)
    {
        _registry = registry;
        _service = service;
        _options = options.Value;
        _renderers = [.. renderers];
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        try
        {
            var watchQuery = http.Request.Query.TryGetValue("watch", out var w) && (w.ToString() is "" or "true" or "1");
            var info = ApiRequestParser.Parse(http.Request.Method, http.Request.Path.Value ?? "/", watchQuery);
            if (!info.IsResourceRequest)
            {
                throw ApiErrors.NoSuchResource();
            }

            var type = _registry.Find(info.Group, info.Version, info.Resource) ?? throw ApiErrors.NoSuchResource();
            if (info.Namespace is not null && !type.Namespaced && info.Resource != "namespaces")
            {
                throw ApiErrors.NoSuchResource();
            }

            var context = new ApiContext(http, info, type, _service, _options, null);
            context = new ApiContext(http, info, type, _service, _options, Negotiate(http.Request.Headers.Accept.ToString(), context));
            await DispatchAsync(context).ConfigureAwait(false);
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            await JsonResponses.WriteErrorAsync(http, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is not ApiException && !http.Response.HasStarted)
        {
            LogUnhandled(_logger, http.Request.Method, http.Request.Path.Value ?? "", e);
            await JsonResponses.WriteErrorAsync(http, ApiErrors.Internal(e.Message)).ConfigureAwait(false);
        }
    }

    private static Task DispatchAsync(ApiContext context)
    {
        if (context.Type.Handler is { } handler)
        {
            return handler.HandleAsync(context);
        }

        if (context.Request.Subresource is { } name)
        {
            if (!context.Type.Subresources.TryGetValue(name, out var subresource))
            {
                throw ApiErrors.NoSuchResource();
            }

            return subresource.Handler.HandleAsync(context);
        }

        return RestHandlers.HandleAsync(context);
    }

    /// <summary>Picks the representation: a renderer for the first range one accepts, plain JSON where the client takes it, else 406.</summary>
    private IResponseRenderer? Negotiate(string accept, ApiContext context)
    {
        foreach (var range in MediaRange.ParseAccept(accept))
        {
            foreach (var renderer in _renderers)
            {
                if (renderer.CanRender(range, context))
                {
                    return renderer;
                }
            }

            if (range.IsPlainJson)
            {
                return null;
            }
        }

        throw ApiErrors.NotAcceptable(["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"]);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
