using System.Text;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// Forwards an upgrade request (SPDY/3.1 or WebSocket) to a kubelet and splices the raw bytes both ways once it
/// answers 101, as k8s.io/apimachinery/pkg/util/proxy UpgradeAwareHandler does for exec, attach and port-forward
/// from clients that the stream translator does not take. A kubelet answer other than 101 is relayed as it is.
/// With <c>tunnel</c> the client side is a WebSocket carrying the SPDY bytes in binary messages (the
/// <c>SPDY/3.1+portforward.k8s.io</c> tunneling protocol of client-go ≥ 1.31, k8s.io/apimachinery/pkg/util/proxy/tunneling.go).
/// </summary>
internal static class UpgradeProxy
{
    /// <summary>Headers passed from the client's upgrade request to the kubelet (the rest are the API server's own).</summary>
    private static readonly string[] ForwardedHeaders =
        ["Connection", "Upgrade", "X-Stream-Protocol-Version", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol"];

    /// <summary>Headers passed from the kubelet's 101 back to the client.</summary>
    private static readonly string[] ReturnedHeaders =
        ["Upgrade", "X-Stream-Protocol-Version", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol"];

    public static async Task ProxyAsync(HttpContext http, KubeletConnections kubelets, Uri target, string? tunnelProtocol)
    {
        var aborted = http.RequestAborted;
        Stream backend;
        try
        {
            backend = await kubelets.ConnectAsync(target, aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (BackendErrors.IsConnectionFailure(e) && !aborted.IsCancellationRequested)
        {
            throw BackendErrors.DialFailed(e);
        }

        await using (backend.ConfigureAwait(false))
        {
            await backend.WriteAsync(BuildRequest(http.Request, target, tunnelProtocol is not null), aborted).ConfigureAwait(false);
            await backend.FlushAsync(aborted).ConfigureAwait(false);
            var head = await ResponseHead.ReadAsync(backend, aborted).ConfigureAwait(false);
            if (head.StatusCode != 101)
            {
                await RelayAsync(http, head, backend).ConfigureAwait(false);
                return;
            }

            await using var client = await AcceptClientAsync(http, head, tunnelProtocol).ConfigureAwait(false);
            if (!head.Rest.IsEmpty)
            {
                await client.WriteAsync(head.Rest, aborted).ConfigureAwait(false);
            }

            await SpliceAsync(client, backend, aborted).ConfigureAwait(false);
        }
    }

    private static async Task<Stream> AcceptClientAsync(HttpContext http, ResponseHead head, string? tunnelProtocol)
    {
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true })
        {
            throw ApiErrors.BadRequest("Upgrade request required");
        }

        http.Response.Headers.Connection = "Upgrade";
        if (tunnelProtocol is not null)
        {
            // The handshake is answered by hand: ASP.NET Core refuses '/' in a subprotocol name (RFC 6455 token rules),
            // which "SPDY/3.1+portforward.k8s.io" has and Go's WebSocket library accepts.
            http.Response.Headers.Upgrade = "websocket";
            http.Response.Headers.SecWebSocketAccept = AcceptKey(http.Request.Headers.SecWebSocketKey.ToString());
            http.Response.Headers.SecWebSocketProtocol = tunnelProtocol;
            var raw = await upgrade.UpgradeAsync().ConfigureAwait(false);
            return new WebSocketByteStream(System.Net.WebSockets.WebSocket.CreateFromStream(raw,
                new System.Net.WebSockets.WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.FromSeconds(30) }));
        }

        foreach (var name in ReturnedHeaders)
        {
            var values = head.Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
            if (values.Length > 0)
            {
                http.Response.Headers[name] = values;
            }
        }

        return await upgrade.UpgradeAsync().ConfigureAwait(false);
    }

    /// <summary>Sec-WebSocket-Accept: base64(SHA-1(key + the RFC 6455 GUID)); SHA-1 is what the protocol fixes, not a security choice.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6455 defines the accept key with SHA-1.")]
    private static string AcceptKey(string key) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));

    private static byte[] BuildRequest(HttpRequest request, Uri target, bool tunnel)
    {
        var text = new StringBuilder();
        text.Append(tunnel ? "POST" : request.Method).Append(' ').Append(target.PathAndQuery).Append(" HTTP/1.1\r\n");
        text.Append("Host: ").Append(target.Authority).Append("\r\n");
        if (tunnel)
        {
            // What the tunneling handler turns the WebSocket request into: a SPDY upgrade for port-forward.
            text.Append("Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n");
        }
        else
        {
            foreach (var name in ForwardedHeaders)
            {
                foreach (var value in request.Headers[name])
                {
                    text.Append(name).Append(": ").Append(value).Append("\r\n");
                }
            }
        }

        text.Append("User-Agent: kube-apiserver (local)\r\nContent-Length: 0\r\n\r\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    private static async Task RelayAsync(HttpContext http, ResponseHead head, Stream backend)
    {
        var body = await head.ReadBodyAsync(backend, BackendErrors.MaxErrorBody, http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = head.StatusCode;
        if (head["Content-Type"] is { } contentType)
        {
            http.Response.ContentType = contentType;
        }

        foreach (var header in head.Headers.Where(h => h.Key.StartsWith("X-", StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.Headers.Append(header.Key, header.Value);
        }

        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task SpliceAsync(Stream client, Stream backend, CancellationToken aborted)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var up = CopyAsync(client, backend, done.Token);
        var down = CopyAsync(backend, client, done.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(up, down).ConfigureAwait(false);
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await to.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            // One side closed or broke: the session is over, as when Go's proxy's io.Copy returns.
        }
    }
}
