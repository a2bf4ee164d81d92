using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

using OrleansEci.Emulators.Kube.Streaming;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// POSTs AdmissionReviews to webhooks over HTTPS, trusting exactly the webhook's <c>caBundle</c> (or the system roots
/// when it is empty), with the webhook's timeout measured on the injected clock. One HTTP client per CA bundle.
/// Webhook URLs must be on loopback. Failures are <see cref="WebhookCallException"/>s worded as Go's HTTP client words them (<c>Post "url": ...</c>).
/// </summary>
internal sealed class WebhookClient : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly Func<string, int, IPEndPoint?> _resolveService;
    private readonly TimeProvider _time;

    public WebhookClient(Func<string, int, IPEndPoint?> resolveService, TimeProvider time)
    {
        _resolveService = resolveService;
        _time = time;
    }

    public async Task<byte[]> PostAsync(Uri url, string? caBundle, byte[] review, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = _clients.GetOrAdd(caBundle ?? "", CreateClient);
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var content = new ByteArrayContent(review);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await client.PostAsync(url, content, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (code is < 200 or > 299)
            {
                throw new WebhookCallException("failed to call webhook: " + (code >= 500
                    ? $"an error on the server (\"{Encoding.UTF8.GetString(body)}\") has prevented the request from succeeding"
                    : $"the server responded with the status code {code} but did not return more information"));
            }

            return body;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WebhookCallException($"failed to call webhook: Post \"{url}\": context deadline exceeded");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new WebhookCallException($"failed to call webhook: Post \"{url}\": {BackendErrors.Describe(e)}", e);
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private HttpClient CreateClient(string caBundle)
    {
        var roots = ReadBundle(caBundle);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, roots),
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = _resolveService(context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        if (target is null && !KubeletConnections.IsLoopback(context.DnsEndPoint.Host))
        {
            // Like kubelets, webhooks are reached on this machine only (the workplace allows no other traffic).
            throw new WebhookCallException($"dial tcp {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}: the local API server only calls webhooks on loopback");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (target is not null)
            {
                await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static X509Certificate2Collection? ReadBundle(string caBundle)
    {
        if (caBundle.Length == 0)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(caBundle)));
        return roots;
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? roots)
    {
        if (roots is null)
        {
            return errors == SslPolicyErrors.None;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        return CustomRootTrust.Chains(certificate, roots);
    }
}
