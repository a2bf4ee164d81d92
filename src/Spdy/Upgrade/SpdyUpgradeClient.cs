using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

using Microsoft.Extensions.Logging;

using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.Upgrade;

/// <summary>
/// The client half of the SPDY/3.1 upgrade, as client-go's SPDY round-tripper does it: opens TCP (and TLS with an
/// optional client certificate), sends an HTTP/1.1 request with <c>Connection: Upgrade</c>, <c>Upgrade: SPDY/3.1</c>
/// and one <c>X-Stream-Protocol-Version</c> per offered protocol, expects 101 with both upgrade headers, and starts a
/// client <see cref="SpdySession"/> that first replays any bytes read past the response head.
/// </summary>
public static class SpdyUpgradeClient
{
    /// <summary>Connects to <paramref name="uri"/> (http or https) and upgrades.</summary>
    /// <exception cref="SpdyUpgradeException">The server answered without switching; the message is its Status
    /// message if it sent one.</exception>
    public static async Task<SpdyUpgradeResult> ConnectAsync(
        Uri uri,
        SpdyUpgradeClientOptions? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        options ??= new SpdyUpgradeClientOptions();
        options.Validate();
        var secure = uri.Scheme switch
        {
            "https" => true,
            "http" => false,
            _ => throw new ArgumentException($"Only http and https URIs can be upgraded to SPDY; got '{uri.Scheme}'.", nameof(uri)),
        };
        timeProvider ??= TimeProvider.System;
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Stream? connection = null;
        try
        {
            connection = await OpenAsync(uri, secure, options, linked.Token).ConfigureAwait(false);
            await connection.WriteAsync(BuildRequest(uri, options), linked.Token).ConfigureAwait(false);
            await connection.FlushAsync(linked.Token).ConfigureAwait(false);
            var head = await HttpResponseHead.ReadAsync(connection, options.MaxResponseHeadSize, linked.Token).ConfigureAwait(false);
            if (head.StatusCode != 101)
            {
                var body = await head.ReadBodyAsync(connection, 64 * 1024, linked.Token).ConfigureAwait(false);
                var text = Encoding.UTF8.GetString(body).Trim();
                var message = KubernetesStatus.TryReadMessage(body)
                    ?? $"unable to upgrade connection: {(text.Length > 0 ? text : $"HTTP {head.StatusCode}")}";
                throw new SpdyUpgradeException(head.StatusCode, message);
            }

            if (head["Connection"]?.Contains("upgrade", StringComparison.OrdinalIgnoreCase) != true
                || head["Upgrade"]?.Contains("spdy/3.1", StringComparison.OrdinalIgnoreCase) != true)
            {
                throw new SpdyUpgradeException(101, $"unable to upgrade: missing upgrade headers in response: Connection '{head["Connection"]}', Upgrade '{head["Upgrade"]}'");
            }

            var transport = new PrefixedStream(head.Rest, connection);
            connection = null;
            var session = SpdySession.StartClient(transport, options.Session, logger, timeProvider);
            return new SpdyUpgradeResult(session, head[SpdyUpgradeHeaders.ProtocolVersion] ?? "");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Upgrading {uri.GetLeftPart(UriPartial.Path)} to SPDY took longer than {options.ConnectTimeout}.");
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<Stream> OpenAsync(Uri uri, bool secure, SpdyUpgradeClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(uri.IdnHost, uri.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (!secure)
        {
            return network;
        }

        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = uri.IdnHost,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
                ClientCertificates = options.ClientCertificate is null ? null : [options.ClientCertificate],
                RemoteCertificateValidationCallback = options.ServerCertificateValidation,
                EnabledSslProtocols = SslProtocols.None,
            }, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static byte[] BuildRequest(Uri uri, SpdyUpgradeClientOptions options)
    {
        var request = new StringBuilder();
        request.Append(options.Method).Append(' ').Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        request.Append("Host: ").Append(uri.Authority).Append("\r\n");
        request.Append("Connection: Upgrade\r\n");
        request.Append("Upgrade: ").Append(SpdyUpgradeHeaders.UpgradeToken).Append("\r\n");
        foreach (var protocol in options.Protocols)
        {
            request.Append(SpdyUpgradeHeaders.ProtocolVersion).Append(": ").Append(protocol).Append("\r\n");
        }

        request.Append("Content-Length: 0\r\n");
        request.Append("User-Agent: OrleansEci.Spdy\r\n");
        foreach (var (name, value) in options.Headers)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        request.Append("\r\n");
        return Encoding.Latin1.GetBytes(request.ToString());
    }
}
