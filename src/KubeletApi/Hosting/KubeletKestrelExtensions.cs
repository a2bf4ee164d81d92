using System.Net;

using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansEci.KubeletApi.Hosting;

/// <summary>Kestrel endpoints of the kubelet API: <c>builder.WebHost.ConfigureKestrel(k => k.ListenKubeletApi());</c></summary>
public static class KubeletKestrelExtensions
{
    /// <summary>
    /// Listens on each node's port over TLS 1.2+ with the serving certificate. Client certificates are requested, not
    /// required, and any is let through the handshake: as the kubelet (tls.RequestClientCert), the chain is checked by
    /// the authenticator, so a certificate from another CA gets 401 rather than a failed handshake, and bearer-token
    /// callers (metrics-server) connect without one.
    /// </summary>
    public static KestrelServerOptions ListenKubeletApi(this KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var services = kestrel.ApplicationServices;
        var options = services.GetRequiredService<IOptions<KubeletApiOptions>>().Value;
        var certificates = services.GetRequiredService<KubeletCertificates>();
        var address = IPAddress.Parse(options.ListenAddress);
        foreach (var port in services.GetRequiredService<KubeletNodes>().Ports)
        {
            kestrel.Listen(address, port, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = certificates.ServingCertificate;
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = static (_, _, _) => true;
            }));
        }

        return kestrel;
    }
}
