using System.Net;

using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansEci.KubeletApi.Webhook;

/// <summary>The webhook's Kestrel endpoint: <c>builder.WebHost.ConfigureKestrel(k => k.ListenAdmissionWebhook());</c></summary>
public static class WebhookKestrelExtensions
{
    /// <summary>
    /// Listens on <see cref="WebhookOptions.Port"/> over TLS 1.2+ with the webhook's certificate, when the webhook is
    /// enabled. No client certificate is asked for: kube-apiserver presents none to webhooks unless configured to, and
    /// the webhook only computes a patch for the pod it is shown.
    /// </summary>
    public static KestrelServerOptions ListenAdmissionWebhook(this KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var services = kestrel.ApplicationServices;
        WebhookOptions options = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        if (!options.Enabled)
        {
            return kestrel;
        }

        var certificates = services.GetRequiredService<WebhookCertificates>();
        kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = certificates.ServingCertificate;
            https.ClientCertificateMode = ClientCertificateMode.NoCertificate;
        }));
        return kestrel;
    }
}
