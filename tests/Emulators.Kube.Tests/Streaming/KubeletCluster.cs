using k8s.Models;

using OrleansEci.Emulators.Kube.Kubelets;
using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Streaming;

/// <summary>
/// A local API server (plain HTTP toward clients) with one registered <see cref="LocalKubelet"/> node: the API server
/// reaches the kubelet over HTTPS with its kubelet client certificate, as a real cluster does.
/// </summary>
public sealed class KubeletCluster : IAsyncLifetime
{
    private KubeServer? _kube;
    private LocalKubelet? _kubelet;

    public KubeServer Kube => _kube ?? throw new InvalidOperationException("the cluster has not started");

    public LocalKubelet Kubelet => _kubelet ?? throw new InvalidOperationException("the cluster has not started");

    public string NodeName => Kubelet.NodeName;

    public async ValueTask InitializeAsync()
    {
        _kube = await KubeServer.StartAsync();
        _kubelet = await LocalKubelet.StartAsync(new LocalKubeletOptions { NodeName = "kubelet-node" }, _kube.Server.CertificateAuthority,
            cancellationToken: TestContext.Current.CancellationToken);
        await _kubelet.RegisterAsync(_kube.Server.Resources, TestContext.Current.CancellationToken);
    }

    /// <summary>A pod in a fresh namespace, bound to the kubelet's node unless <paramref name="bound"/> is false.</summary>
    public async Task<V1Pod> CreatePodAsync(string name, bool bound = true, params string[] containers)
    {
        var ns = await Kube.NewNamespaceAsync("stream");
        var pod = Manifests.Pod(name, bound ? NodeName : null);
        if (!bound)
        {
            // A scheduler no one runs, so the in-process scheduler leaves the pod pending.
            pod.Spec.SchedulerName = "nobody";
        }
        if (containers.Length > 0)
        {
            pod.Spec.Containers = [.. containers.Select(c => new V1Container { Name = c, Image = "busybox:1.36" })];
        }

        return await Kube.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync();
        }

        if (_kube is not null)
        {
            await _kube.DisposeAsync();
        }
    }
}
