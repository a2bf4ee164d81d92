using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// <c>nodes/{name}/proxy/{path}</c>: forwards the request to the node's kubelet at <c>/{path}</c> and streams the answer
/// back (e.g. <c>kubectl get --raw /api/v1/nodes/n/proxy/metrics/resource</c>), as kube-apiserver's ProxyREST for nodes.
/// Only a plain node name is accepted (not the <c>scheme:name:port</c> form).
/// </summary>
public sealed class NodeProxySubresource : ISubresourceHandler
{
    private static readonly string[] ForwardedHeaders = ["Accept", "Content-Type"];
    private readonly KubeletConnections _kubelets;

    public NodeProxySubresource(KubeletConnections kubelets)
    {
        _kubelets = kubelets;
    }

    public SubresourceType Type => new("proxy", "NodeProxyOptions", ["create", "delete", "get", "patch", "update"], this);

    public async Task HandleAsync(ApiContext context)
    {
        var name = context.Request.Name!;
        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw ApiErrors.NotImplemented($"nodes/proxy to \"{name}\" (the scheme:name:port form)");
        }

        var http = context.Http;
        var path = string.Join("/", context.Request.Rest.Select(Uri.EscapeDataString));
        var uri = new Uri(_kubelets.BaseUriOf(context.Service, name), path + http.Request.QueryString);
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), uri);
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(http.Request.Body);
        }

        foreach (var header in ForwardedHeaders)
        {
            if (http.Request.Headers.TryGetValue(header, out var values))
            {
                if (!request.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)values))
                {
                    request.Content?.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)values);
                }
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _kubelets.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.Aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (BackendErrors.IsConnectionFailure(e) && !context.Aborted.IsCancellationRequested)
        {
            throw BackendErrors.DialFailed(e);
        }

        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType)
            {
                http.Response.ContentType = contentType.ToString();
            }

            await using var body = await response.Content.ReadAsStreamAsync(context.Aborted).ConfigureAwait(false);
            await body.CopyToAsync(http.Response.Body, context.Aborted).ConfigureAwait(false);
        }
    }
}
