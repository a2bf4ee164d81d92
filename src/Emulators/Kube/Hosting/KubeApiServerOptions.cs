using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Controllers;
using OrleansEci.Emulators.Kube.Services;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Hosting;

/// <summary>How the local API server listens and authenticates; the other components' options hang off it.</summary>
public sealed class KubeApiServerOptions
{
    /// <summary>Environment variable read by the standalone server for <see cref="Port"/>.</summary>
    public const string PortVariable = "KUBE_EMULATOR_PORT";

    /// <summary>Address to listen on. Default 127.0.0.1 (never a public interface).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one. Default 0.</summary>
    public int Port { get; set; }

    /// <summary>Serve HTTPS with a generated CA (true), or plain HTTP (false, handy for unit tests). Default true.</summary>
    public bool Https { get; set; } = true;

    /// <summary>Bearer token every request must carry (401 otherwise); null serves everyone. The standalone server generates one.</summary>
    public string? Token { get; set; }

    public ObjectStoreOptions Store { get; set; } = new();

    public ApiOptions Api { get; set; } = new();

    public ServiceNetworkOptions Services { get; set; } = new();

    /// <summary>The scheduler and controllers running beside the API (all on by default).</summary>
    public ControllerOptions Controllers { get; set; } = new();

    /// <summary>How kubelets are reached for logs, exec, attach, port-forward, node proxy and metrics.</summary>
    public Streaming.KubeletClientOptions Kubelets { get; set; } = new();

    /// <summary>The built-in metrics-server behind metrics.k8s.io (<c>kubectl top</c>).</summary>
    public Metrics.MetricsOptions Metrics { get; set; } = new();

    /// <summary>The optional snapshot file that keeps the store's objects across restarts.</summary>
    public Snapshots.SnapshotOptions Snapshot { get; set; } = new();

    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Kube emulator port {Port} is out of range. Pass --port 0..65535 or set {PortVariable} (0 picks a free port).");
        }

        if (!System.Net.IPAddress.TryParse(BindAddress, out _))
        {
            throw new InvalidOperationException($"Kube emulator BindAddress \"{BindAddress}\" is not an IP address. Use 127.0.0.1.");
        }

        if (Token is { Length: < 16 })
        {
            throw new InvalidOperationException("Kube emulator Token is shorter than 16 characters. Leave it unset to generate one, or use a longer random token.");
        }

        Store.Validate();
        Api.Validate();
        Services.Validate();
        Controllers.Validate();
        Kubelets.Validate();
        Metrics.Validate();
        Snapshot.Validate();
    }
}
