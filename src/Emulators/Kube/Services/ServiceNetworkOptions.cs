using System.Net;

namespace OrleansEci.Emulators.Kube.Services;

/// <summary>Where Services get their ClusterIPs and NodePorts.</summary>
public sealed class ServiceNetworkOptions
{
    /// <summary>The service CIDR (kube-apiserver <c>--service-cluster-ip-range</c>). Default 10.96.0.0/12, kubeadm's.</summary>
    public string ServiceCidr { get; set; } = "10.96.0.0/12";

    /// <summary>First NodePort. Default 30000.</summary>
    public int NodePortMin { get; set; } = 30000;

    /// <summary>Last NodePort. Default 32767.</summary>
    public int NodePortMax { get; set; } = 32767;

    public IPNetwork Network() => IPNetwork.TryParse(ServiceCidr, out var network) && network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && network.PrefixLength <= 30
        ? network
        : throw new InvalidOperationException($"Services ServiceCidr \"{ServiceCidr}\" is not an IPv4 CIDR of at least 4 addresses. Set it like 10.96.0.0/12.");

    public void Validate()
    {
        Network();
        if (NodePortMin < 1 || NodePortMax > 65535 || NodePortMin > NodePortMax)
        {
            throw new InvalidOperationException($"Services NodePort range {NodePortMin}-{NodePortMax} is invalid. Set 1 <= NodePortMin <= NodePortMax <= 65535 (default 30000-32767).");
        }
    }
}
