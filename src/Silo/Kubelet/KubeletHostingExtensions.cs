using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using OrleansEci.Grains.Nodes;
using OrleansEci.KubeletApi.Hosting;
using OrleansEci.KubeletApi.Pods;
using OrleansEci.KubeletApi.Webhook;

namespace OrleansEci.Silo.Kubelet;

/// <summary>
/// Serves the kubelet API beside the silo: one HTTPS port per virtual node, the silo's own HTTP port, and the admission
/// webhook's HTTPS port.
/// </summary>
internal static class KubeletHostingExtensions
{
    /// <summary>Plain HTTP for the dashboard and the silo's /healthz: <c>Silo:HttpAddress</c> (0.0.0.0) and <c>Silo:HttpPort</c> (8080).</summary>
    public const string HttpAddressKey = "Silo:HttpAddress";

    public const string HttpPortKey = "Silo:HttpPort";

    public static WebApplicationBuilder AddKubelet(this WebApplicationBuilder builder)
    {
        builder.Services.AddKubeletApi(builder.Configuration);
        // The nodes the kubelet API answers for, their ports and addresses come from the virtual-kubelet options.
        builder.Services.AddOptions<KubeletApiOptions>().PostConfigure<IOptions<VirtualKubeletOptions>>((kubelet, virtualKubelet) =>
        {
            VirtualKubeletOptions vk = virtualKubelet.Value;
            if (kubelet.NodeNames.Count == 0)
            {
                kubelet.NodeNames = [.. vk.EffectiveNodes().Select(n => n.Name)];
            }

            kubelet.Port = vk.KubeletPort;
            if (kubelet.NodeAddresses.Count == 0 && vk.PodIp.Length > 0)
            {
                kubelet.NodeAddresses = [vk.PodIp];
            }
        });
        builder.Services.AddSingleton<IKubeletPodDirectory, GrainPodDirectory>();
        // The admission webhook on its own port (Webhook:Port, 8443); its profile comes from the runtime's silo cache.
        builder.Services.AddAdmissionWebhook(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Explicit listeners replace ASPNETCORE_URLS, so the silo's own HTTP port is listed here too.
            kestrel.Listen(IPAddress.Parse(builder.Configuration[HttpAddressKey] ?? "0.0.0.0"), builder.Configuration.GetValue(HttpPortKey, 8080));
            kestrel.ListenKubeletApi();
            kestrel.ListenAdmissionWebhook();
        });
        return builder;
    }
}
