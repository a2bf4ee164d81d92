using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

using OrleansEci.Spdy.Upgrade;
using OrleansEci.Spdy.WebSockets;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>
/// One entry point for exec/attach endpoints (kubelet API and API server alike): accepts WebSocket or SPDY/3.1,
/// whichever the request asks for, and returns the transport-neutral <see cref="IRemoteCommandStreams"/>.
/// </summary>
public static class RemoteCommandServer
{
    /// <summary>Accepts the request's transport, or writes the error response (400/403 with a metav1.Status) and
    /// returns null. A SPDY client that does not open its streams in time gets its connection closed and a
    /// <see cref="TimeoutException"/>. Keep the request delegate running until the command completed.</summary>
    public static async Task<IRemoteCommandStreams?> AcceptAsync(
        HttpContext context,
        RemoteCommandRequest request,
        RemoteCommandServerOptions? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        options ??= new RemoteCommandServerOptions();
        options.Validate();
        if (request.Validate() is { } problem)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(KubernetesStatus.FailureJson(400, "BadRequest", problem), context.RequestAborted).ConfigureAwait(false);
            return null;
        }

        if (context.WebSockets.IsWebSocketRequest)
        {
            return await WebSocketRemoteCommandServer.AcceptAsync(
                context, request, options.WebSocketProtocols, options.WebSocketCloseTimeout, logger, timeProvider).ConfigureAwait(false);
        }

        var upgraded = await SpdyUpgradeServer.AcceptAsync(context, options.SpdyProtocols, options.Session, logger, timeProvider).ConfigureAwait(false);
        if (upgraded is null)
        {
            return null;
        }

        try
        {
            return await SpdyRemoteCommandServer.AcceptAsync(
                upgraded.Session, upgraded.Protocol, request, options.StreamCreationTimeout, logger, timeProvider, context.RequestAborted).ConfigureAwait(false);
        }
        catch
        {
            await upgraded.Session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
