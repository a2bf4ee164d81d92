using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.Upgrade;

namespace OrleansEci.Spdy.WebSockets;

/// <summary>Accepts exec/attach over WebSocket (what kubectl ≥ 1.30 speaks to the API server): negotiates the
/// channel subprotocol in the client's order and wraps the socket as <see cref="IRemoteCommandStreams"/>.</summary>
public static class WebSocketRemoteCommandServer
{
    /// <summary>Accepts the WebSocket, or writes a 400 Status and returns null when the request is not a WebSocket
    /// request or offers no supported subprotocol (kubectl then falls back to SPDY). A request that offers no
    /// subprotocol at all gets the binary v1 protocol, as in the kubelet. Keep the request running until
    /// <see cref="IRemoteCommandStreams.CompleteAsync"/> returns, then dispose the streams.</summary>
    public static async Task<IRemoteCommandStreams?> AcceptAsync(
        HttpContext context,
        RemoteCommandRequest request,
        IReadOnlyList<string>? supportedProtocols = null,
        TimeSpan? closeTimeout = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        supportedProtocols ??= RemoteCommandProtocols.WebSocketServerSupported;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await FailAsync(context, "unable to upgrade: not a WebSocket request").ConfigureAwait(false);
            return null;
        }

        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = offered.Count == 0 ? "" : StreamProtocolNegotiation.Negotiate(offered, supportedProtocols);
        if (protocol is null)
        {
            await FailAsync(context,
                $"unable to upgrade: no supported WebSocket subprotocol in [{string.Join(" ", offered)}]; supported: [{string.Join(" ", supportedProtocols)}]").ConfigureAwait(false);
            return null;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = protocol.Length == 0 ? null : protocol }).ConfigureAwait(false);
        return new WebSocketRemoteCommandStreams(socket, protocol.Length == 0 ? RemoteCommandProtocols.V1 : protocol, request,
            closeTimeout ?? TimeSpan.FromSeconds(5), logger ?? NullLogger.Instance, timeProvider ?? TimeProvider.System);
    }

    private static async Task FailAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(KubernetesStatus.FailureJson(400, "BadRequest", message), context.RequestAborted).ConfigureAwait(false);
    }
}
