using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.WebSockets;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// <c>pods/{name}/exec</c> and <c>pods/{name}/attach</c>, as kube-apiserver ≥ 1.30 serves them
/// (pkg/registry/core/pod/rest/subresources.go): a WebSocket offering <c>v5.channel.k8s.io</c> (kubectl ≥ 1.30) is
/// terminated here and translated to SPDY/3.1 toward the kubelet (KEP-4006 stream translator); any other upgrade
/// (SPDY from older kubectl or <c>KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false</c>, WebSocket v4 and older) is proxied to
/// the kubelet byte for byte.
/// </summary>
public sealed class RemoteCommandSubresource : ISubresourceHandler
{
    private readonly KubeletConnections _kubelets;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly bool _attach;

    public RemoteCommandSubresource(bool attach, KubeletConnections kubelets, ILogger logger, TimeProvider time)
    {
        _attach = attach;
        _kubelets = kubelets;
        _logger = logger;
        _time = time;
    }

    public SubresourceType Type => new(_attach ? "attach" : "exec", _attach ? "PodAttachOptions" : "PodExecOptions", ["create", "get"], this);

    public async Task HandleAsync(ApiContext context)
    {
        if (context.Request.Verb is not ("get" or "create"))
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var request = RemoteCommandRequest.FromApiQuery(context.Http.Request.Query);
        var target = PodTarget.Resolve(context, request.Container);
        var node = target.RequireNode();
        request = request with { Container = target.Container };
        await ConnectAdmission.AdmitAsync(context, _attach ? "attach" : "exec",
            ConnectAdmission.Options(_attach ? "PodAttachOptions" : "PodExecOptions", request, withCommand: !_attach)).ConfigureAwait(false);
        var uri = new Uri(_kubelets.BaseUriOf(context.Service, node),
            $"{(_attach ? "attach" : "exec")}/{target.Namespace}/{target.Name}/{target.Container}{request.ToKubeletQueryString()}");
        if (IsV5WebSocket(context.Http))
        {
            await TranslateAsync(context.Http, request, uri).ConfigureAwait(false);
            return;
        }

        await UpgradeProxy.ProxyAsync(context.Http, _kubelets, uri, tunnelProtocol: null).ConfigureAwait(false);
    }

    private static bool IsV5WebSocket(HttpContext http) =>
        http.WebSockets.IsWebSocketRequest && http.WebSockets.WebSocketRequestedProtocols.Contains(RemoteCommandProtocols.V5, StringComparer.Ordinal);

    /// <summary>The stream translator: WebSocket v5 in, SPDY out; failures after the upgrade go to the status channel.</summary>
    private async Task TranslateAsync(HttpContext http, RemoteCommandRequest request, Uri kubelet)
    {
        await using var inbound = await WebSocketRemoteCommandServer.AcceptAsync(http, request, [RemoteCommandProtocols.V5], logger: _logger, timeProvider: _time)
            .ConfigureAwait(false);
        if (inbound is null)
        {
            return;
        }

        // The library's bridge dials after the client is accepted and reports a failed dial as the client's status.
        await RemoteCommandBridge.RunAsync(inbound,
            async token => await SpdyRemoteCommandClient.ConnectAsync(kubelet, request, _kubelets.SpdyOptions(), _logger, _time, token).ConfigureAwait(false),
            _logger, http.RequestAborted).ConfigureAwait(false);
    }
}
