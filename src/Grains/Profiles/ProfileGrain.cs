using k8s;

using Microsoft.Extensions.Logging;

using OrleansEci.Grains.Kubernetes;

namespace OrleansEci.Grains.Profiles;

/// <summary>
/// The cluster's eci-profile (see <see cref="IProfileGrain"/>). The watch runs beside the grain from activation to
/// deactivation; calls only read its <see cref="ProfileState"/>. Kept alive: every silo's <see cref="SiloProfileCache"/>
/// polls it, and a silo's death re-activates it on a survivor at the next poll, which lists the ConfigMap again.
/// </summary>
[KeepAlive]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The watch is disposed in OnDeactivateAsync, the grain's end of life.")]
internal sealed class ProfileGrain(IKubernetes kube, KubeEventSink events, TimeProvider time, ILogger<ProfileGrain> log) : Grain, IProfileGrain
{
    private ProfileWatch _watch = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watch = new ProfileWatch(new ProfileState(Guid.NewGuid()), kube, events, time, log);
        _watch.Start();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await _watch.DisposeAsync();

    public Task<ProfileSnapshot> GetProfile(Guid knownActivation, long knownVersion) => Task.FromResult(_watch.State.Read(knownActivation, knownVersion));
}
