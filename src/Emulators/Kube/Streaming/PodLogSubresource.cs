using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// <c>GET pods/{name}/log</c>: streams the container log from the node's kubelet
/// (<c>/containerLogs/{ns}/{pod}/{container}</c>) through to the client as text/plain, chunk by chunk so
/// <c>follow</c> works, as kube-apiserver's LogREST and LocationStreamer do. A pod not yet bound answers an empty log.
/// </summary>
public sealed class PodLogSubresource : ISubresourceHandler
{
    private readonly KubeletConnections _kubelets;

    public PodLogSubresource(KubeletConnections kubelets)
    {
        _kubelets = kubelets;
    }

    public SubresourceType Type => new("log", "Pod", ["get"], this);

    public async Task HandleAsync(ApiContext context)
    {
        if (context.Request.Verb != "get")
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var options = PodLogOptions.Parse(context);
        var target = PodTarget.Resolve(context, options.Container);
        var http = context.Http;
        if (target.NodeName is null)
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = "text/plain";
            return;
        }

        var uri = new Uri(_kubelets.BaseUriOf(context.Service, target.NodeName),
            $"containerLogs/{target.Namespace}/{target.Name}/{target.Container}{options.KubeletQuery()}");
        HttpResponseMessage response;
        try
        {
            response = await _kubelets.Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, context.Aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (BackendErrors.IsConnectionFailure(e) && !context.Aborted.IsCancellationRequested)
        {
            throw BackendErrors.Unreachable("Get", uri, e);
        }

        using (response)
        {
            var code = (int)response.StatusCode;
            if (code is < 200 or > 206)
            {
                var body = await response.Content.ReadAsStringAsync(context.Aborted).ConfigureAwait(false);
                throw BackendErrors.FromStatus(code, body.Length > BackendErrors.MaxErrorBody ? body[..BackendErrors.MaxErrorBody] : body, "pods/log", target.Name);
            }

            http.Response.StatusCode = 200;
            http.Response.ContentType = "text/plain";
            await using var source = await response.Content.ReadAsStreamAsync(context.Aborted).ConfigureAwait(false);
            var buffer = new byte[16 * 1024];
            int read;
            try
            {
                while ((read = await source.ReadAsync(buffer, context.Aborted).ConfigureAwait(false)) > 0)
                {
                    await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.Aborted).ConfigureAwait(false);
                    await http.Response.Body.FlushAsync(context.Aborted).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !context.Aborted.IsCancellationRequested)
            {
                // The kubelet went away mid-stream: the log ends there, as kube-apiserver's copy does.
            }
        }
    }
}
