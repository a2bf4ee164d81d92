using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Orleans.Concurrency;

using OrleansEci.Eci;

namespace OrleansEci.Grains.Polling;

/// <summary>
/// Owns the cluster's <see cref="StatusPoller"/> while active. Kept alive, and reentrant because its methods only
/// touch the loop's thread-safe maps. After a silo failure the first pod grain to track a group reactivates it
/// elsewhere, and the sweep it starts with re-learns every group.
/// </summary>
[KeepAlive, Reentrant]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The poller is disposed in OnDeactivateAsync, the grain's end of life.")]
internal sealed class StatusPollerGrain(IEciClient eci, IOptions<StatusPollerOptions> options, TimeProvider time, ILogger<StatusPoller> log)
    : Grain, IStatusPollerGrain
{
    private StatusPoller? _poller;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        options.Value.Validate();
        _poller = new StatusPoller(this.GetPrimaryKeyString(), eci, GrainFactory, options.Value, time, log);
        _poller.Start();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_poller is not null)
        {
            await _poller.DisposeAsync();
        }
    }

    public Task Track(string containerGroupId, string podKey, bool fresh)
    {
        Poller.Track(containerGroupId, podKey, fresh);
        return Task.CompletedTask;
    }

    public Task Forget(string containerGroupId)
    {
        Poller.Forget(containerGroupId);
        return Task.CompletedTask;
    }

    public Task<StatusPollerState> GetState() => Task.FromResult(Poller.State());

    private StatusPoller Poller => _poller ?? throw new InvalidOperationException("The status poller is not active.");
}
