using OrleansEci.Emulators.Kube.Kubelets;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>
/// A <see cref="KubectlCluster"/> with one registered node served by a <see cref="LocalKubelet"/> (HTTPS, client
/// certificates from the cluster CA), so <c>kubectl logs</c> and <c>exec</c> go API server → kubelet as in a cluster.
/// </summary>
public sealed class KubeletCluster : KubectlCluster
{
    private LocalKubelet? _kubelet;

    public LocalKubelet Kubelet => _kubelet ?? throw new InvalidOperationException("The kubelet did not start (is kubectl missing? then the test should have skipped).");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (KubectlBinary.Path is null)
        {
            return;
        }

        _kubelet = await LocalKubelet.StartAsync(new LocalKubeletOptions { NodeName = "kubelet-1" }, Server.CertificateAuthority,
            cancellationToken: TestContext.Current.CancellationToken);
        await _kubelet.RegisterAsync(Resources, TestContext.Current.CancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
