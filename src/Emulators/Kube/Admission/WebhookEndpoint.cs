using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// Where a webhook is called. <c>clientConfig.url</c> is used as given. <c>clientConfig.service</c> becomes
/// <c>https://{name}.{namespace}.svc:{port}{path}</c> as in kube-apiserver, and the TLS certificate is checked against
/// that name; the connection itself goes to the Service's endpoint. This server runs no pods, so the documented rule
/// is: <b>every Service endpoint is 127.0.0.1</b>, at the <c>targetPort</c> of the Service port whose <c>port</c> equals
/// the webhook's (a numeric targetPort, or the port itself when none is set). A webhook server for a Service-referenced
/// configuration therefore listens on 127.0.0.1 at the Service's targetPort, with a certificate for the .svc name.
/// The URL carries <c>?timeout=Ns</c> as kube-apiserver's REST client adds it.
/// </summary>
internal static class WebhookEndpoint
{
    public static Uri Url(JsonObject webhook, int timeoutSeconds)
    {
        var config = webhook["clientConfig"] as JsonObject ?? [];
        string url;
        if (KubeJson.GetString(config, "url") is { Length: > 0 } given)
        {
            url = given;
        }
        else if (config["service"] is JsonObject service)
        {
            var port = KubeJson.GetInt64(service["port"]) ?? 443;
            var path = KubeJson.GetString(service, "path") ?? "";
            url = $"https://{KubeJson.GetString(service, "name")}.{KubeJson.GetString(service, "namespace")}.svc:{port}{path}";
        }
        else
        {
            throw new WebhookCallException("the webhook has neither clientConfig.url nor clientConfig.service");
        }

        var builder = new UriBuilder(url);
        var timeout = $"timeout={timeoutSeconds}s";
        builder.Query = string.IsNullOrEmpty(builder.Query) ? timeout : builder.Query.TrimStart('?') + "&" + timeout;
        return builder.Uri;
    }

    /// <summary>The loopback endpoint behind <c>{name}.{namespace}.svc:{port}</c>, or null when the host is not a Service name.</summary>
    public static IPEndPoint? ServiceEndpoint(string host, int port, ObjectStore store, ResourceType services)
    {
        var parts = host.Split('.');
        if (parts.Length != 3 || parts[2] != "svc")
        {
            return null;
        }

        var service = store.Get(services, parts[1], parts[0])?.ToJson()
            ?? throw new WebhookCallException($"services \"{parts[0]}\" not found");
        var entry = (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => KubeJson.GetInt64(p["port"]) == port)
            ?? throw new WebhookCallException($"service {parts[1]}/{parts[0]} has no port {port}");
        var target = entry["targetPort"];
        int targetPort;
        if (target is null)
        {
            targetPort = port;
        }
        else if (KubeJson.GetInt64(target) is { } number)
        {
            targetPort = (int)number;
        }
        else if (int.TryParse(target.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            targetPort = parsed;
        }
        else
        {
            throw new WebhookCallException($"service {parts[1]}/{parts[0]} port {port} has the named targetPort \"{target}\", which the local API server cannot resolve (it runs no pods); use a number");
        }

        return new IPEndPoint(IPAddress.Loopback, targetPort);
    }
}
