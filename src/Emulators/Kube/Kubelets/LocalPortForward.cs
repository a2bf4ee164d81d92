using System.Net;
using System.Net.Sockets;
using System.Text;

using Microsoft.AspNetCore.Http;

using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;
using OrleansEci.Spdy.Upgrade;

namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>
/// <c>/portForward/{ns}/{pod}</c> over SPDY/3.1 (protocol <c>portforward.k8s.io</c>), as the kubelet's
/// pkg/kubelet/cri/streaming/portforward/httpstream.go: the client opens an <c>error</c> and a <c>data</c> stream per
/// connection (headers <c>streamtype</c>, <c>port</c>, <c>requestid</c>); the data stream is spliced to the pod's port,
/// which on a local node is a port on 127.0.0.1 (or what <see cref="LocalKubelet.PortForwardTarget"/> maps it to).
/// </summary>
internal static class LocalPortForward
{
    public const string Protocol = "portforward.k8s.io";

    public static async Task ServeAsync(HttpContext context, Func<int, EndPoint> target)
    {
        var upgraded = await SpdyUpgradeServer.AcceptAsync(context, [Protocol]).ConfigureAwait(false);
        if (upgraded is null)
        {
            return;
        }

        await using var session = upgraded.Session;
        var errors = new Dictionary<string, SpdyStream>(StringComparer.Ordinal);
        var connections = new List<Task>();
        while (await session.AcceptStreamAsync(context.RequestAborted).ConfigureAwait(false) is { } stream)
        {
            await stream.ReplyAsync(cancellationToken: context.RequestAborted).ConfigureAwait(false);
            var requestId = stream.Headers["requestid"] ?? "";
            if (stream.Headers["streamtype"] == "error")
            {
                errors[requestId] = stream;
                continue;
            }

            errors.Remove(requestId, out var error);
            connections.Add(SpliceAsync(stream, error, stream.Headers["port"], target, context.RequestAborted));
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private static async Task SpliceAsync(SpdyStream data, SpdyStream? error, string? portText, Func<int, EndPoint> target, CancellationToken cancellationToken)
    {
        if (!int.TryParse(portText, out var port) || port is < 1 or > 65535)
        {
            await FailAsync(data, error, $"invalid port \"{portText}\"", cancellationToken).ConfigureAwait(false);
            return;
        }

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target(port), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            await FailAsync(data, error, $"error forwarding port {port} to pod: dial tcp4 {target(port)}: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var network = new NetworkStream(socket, ownsSocket: false);
        await using var stream = data.AsStream();
        var toPod = CopyThenShutdownAsync(stream, network, socket, cancellationToken);
        await network.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        await data.CompleteWritesAsync(cancellationToken).ConfigureAwait(false);
        await toPod.ConfigureAwait(false);
        if (error is not null)
        {
            await error.CompleteWritesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CopyThenShutdownAsync(Stream from, NetworkStream to, Socket socket, CancellationToken cancellationToken)
    {
        await from.CopyToAsync(to, cancellationToken).ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task FailAsync(SpdyStream data, SpdyStream? error, string message, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            await error.WriteAsync(Encoding.UTF8.GetBytes(message), fin: true, cancellationToken).ConfigureAwait(false);
        }

        await data.ResetAsync(SpdyStreamStatus.Cancel).ConfigureAwait(false);
    }
}
