using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>
/// The shape every controller here shares, as kube-controller-manager's controllers are built: watches on the store's
/// change stream (informers without a cache: the store is the cache) turn events into keys on a <see cref="WorkQueue{TKey}"/>;
/// one worker syncs a key at a time by reading the current objects and writing through <see cref="ResourceService"/>
/// (so watchers see every change as an HTTP client would). Failures back off per key; explicit start and stop.
/// </summary>
public abstract class ControllerLoop<TKey> : IHostedService, IDisposable
    where TKey : notnull
{
    private readonly List<(ResourceType Type, string? Namespace)> _watches = [];
    private readonly List<WatchSubscription> _subscriptions = [];
    private readonly List<Task> _tasks = [];
    private CancellationTokenSource? _stopping;

    protected ControllerLoop(string name, ResourceService service, TimeProvider time, ILogger logger)
    {
        Name = name;
        Service = service;
        Time = time;
        Logger = logger;
        Queue = new WorkQueue<TKey>(time, TimeSpan.FromMilliseconds(5), TimeSpan.FromMinutes(5));
    }

    /// <summary>The controller's name, as kube-controller-manager calls it (e.g. <c>deployment-controller</c>).</summary>
    public string Name { get; }

    protected ResourceService Service { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    internal WorkQueue<TKey> Queue { get; }

    /// <summary>Now, as the controller's clock says.</summary>
    protected DateTimeOffset Now => Time.GetUtcNow();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;

        // Subscribe to every type first, then replay the objects that exist (as an informer's initial list), so that
        // handlers have seen the whole world before the worker takes the first key.
        var started = _watches.Select(w => (w.Type, w.Namespace, Subscription: Subscribe(w.Type, w.Namespace))).ToList();
        foreach (var (type, _, subscription) in started)
        {
            Replay(type, subscription);
        }

        OnStarted();
        foreach (var (type, ns, subscription) in started)
        {
            _tasks.Add(Task.Run(() => PumpAsync(type, ns, subscription, stopping), CancellationToken.None));
        }

        _tasks.Add(Task.Run(() => WorkAsync(stopping), CancellationToken.None));
        ControllerLog.Started(Logger, Name);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }

        await Task.WhenAll(_tasks).WaitAsync(cancellationToken).ConfigureAwait(false);
        OnStopped();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Declares a watch (call from the constructor): events of <paramref name="type"/> go to <see cref="OnEvent"/>.</summary>
    protected void Watch(ResourceType type, string? ns = null) => _watches.Add((type, ns));

    /// <summary>Turns one change into keys on <see cref="Queue"/> (and updates any state the controller keeps). Must be quick.</summary>
    protected abstract void OnEvent(ResourceType type, WatchEvent change);

    /// <summary>Brings the world in line for one key. Throwing retries the key with backoff.</summary>
    protected abstract Task SyncAsync(TKey key, CancellationToken cancellationToken);

    /// <summary>Called once the existing objects were replayed, before the worker starts (e.g. to arm timers).</summary>
    protected virtual void OnStarted()
    {
    }

    /// <summary>Called when a watch fell behind and was restarted: every existing object is replayed as ADDED afterwards.</summary>
    protected virtual void OnRelist(ResourceType type)
    {
    }

    /// <summary>Called after the worker stopped.</summary>
    protected virtual void OnStopped()
    {
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping?.Dispose();
            Queue.Dispose();
        }
    }

    private WatchSubscription Subscribe(ResourceType type, string? ns)
    {
        var subscription = Service.Watch(type, ns, null, ListOptions.Everything);
        lock (_subscriptions)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    private void Replay(ResourceType type, WatchSubscription subscription)
    {
        foreach (var obj in subscription.InitialObjects)
        {
            Deliver(type, new WatchEvent(WatchEventType.Added, obj, null));
        }
    }

    private async Task PumpAsync(ResourceType type, string? ns, WatchSubscription subscription, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in subscription.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
                {
                    Deliver(type, change);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            if (stopping.IsCancellationRequested || !subscription.Overflowed)
            {
                return;
            }

            // Fell behind (the store closed the watch): start over from a full list, as a reflector relists.
            ControllerLog.Relisting(Logger, Name, type.ToString());
            subscription = Subscribe(type, ns);
            OnRelist(type);
            Replay(type, subscription);
        }
    }

    private void Deliver(ResourceType type, WatchEvent change)
    {
        try
        {
            OnEvent(type, change);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ControllerLog.EventFailed(Logger, Name, type.ToString(), change.Object.Key, e);
        }
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TKey key;
            try
            {
                key = await Queue.TakeAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await SyncAsync(key, stopping).ConfigureAwait(false);
                Queue.Forget(key);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // What the key named (or something it needed) is gone: a later event brings it back if it returns.
                Queue.Forget(key);
            }
            catch (Exception e)
            {
                ControllerLog.SyncFailed(Logger, Name, key.ToString() ?? "", e);
                Queue.AddRateLimited(key);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }
}
