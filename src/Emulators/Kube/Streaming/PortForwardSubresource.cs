using System.Globalization;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// <c>pods/{name}/portforward</c>: proxied to the kubelet's <c>/portForward/{ns}/{pod}</c> byte for byte (SPDY/3.1,
/// protocol <c>portforward.k8s.io</c>), or, for a WebSocket offering <c>SPDY/3.1+portforward.k8s.io</c> (kubectl ≥ 1.31),
/// tunneled: the SPDY bytes travel in WebSocket binary messages to the client and as a SPDY upgrade to the kubelet.
/// Whatever the kubelet answers instead of 101 reaches the client unchanged.
/// </summary>
public sealed class PortForwardSubresource : ISubresourceHandler
{
    /// <summary>The WebSocket subprotocol of the port-forward tunnel (k8s.io/apimachinery/pkg/util/portforward constants.go).</summary>
    public const string TunnelProtocol = "SPDY/3.1+portforward.k8s.io";

    private readonly KubeletConnections _kubelets;

    public PortForwardSubresource(KubeletConnections kubelets)
    {
        _kubelets = kubelets;
    }

    public SubresourceType Type => new("portforward", "PodPortForwardOptions", ["create", "get"], this);

    public async Task HandleAsync(ApiContext context)
    {
        if (context.Request.Verb is not ("get" or "create"))
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var ports = context.Http.Request.Query["ports"].SelectMany(p => (p ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        foreach (var port in ports)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
            {
                throw ApiErrors.Invalid("", "PodPortForwardOptions", context.Request.Name ?? "",
                    [StatusCause.Invalid("ports", port, "must be between 1 and 65535, inclusive")]);
            }
        }

        var target = PodTarget.ResolvePod(context);
        var node = target.RequireNode();
        await ConnectAdmission.AdmitAsync(context, "portforward", new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "PodPortForwardOptions",
            ["apiVersion"] = "v1",
            ["ports"] = new System.Text.Json.Nodes.JsonArray([.. ports.Select(p => (System.Text.Json.Nodes.JsonNode)int.Parse(p, CultureInfo.InvariantCulture))]),
        }).ConfigureAwait(false);
        var query = ports.Count == 0 ? "" : "?port=" + Uri.EscapeDataString(string.Join(",", ports));
        var uri = new Uri(_kubelets.BaseUriOf(context.Service, node), $"portForward/{target.Namespace}/{target.Name}{query}");
        var tunnel = context.Http.WebSockets.IsWebSocketRequest
            && context.Http.WebSockets.WebSocketRequestedProtocols.Contains(TunnelProtocol, StringComparer.OrdinalIgnoreCase);
        await UpgradeProxy.ProxyAsync(context.Http, _kubelets, uri, tunnel ? TunnelProtocol : null).ConfigureAwait(false);
    }
}
