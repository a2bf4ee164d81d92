using System.Threading.Channels;

namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// One watcher's feed from a collection: the events after its start version, in order. Events reach it under the
/// collection's commit lock without copying (the shared <see cref="WatchEvent"/>); a watcher that falls more than its
/// buffer behind is closed (<see cref="Overflowed"/>), as kube-apiserver closes unresponsive watchers, and must re-watch.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchEvent> _channel;
    private readonly Action<WatchSubscription> _unsubscribe;
    private int _disposed;

    internal WatchSubscription(string? ns, Func<StoredObject, bool>? predicate, int capacity, Action<WatchSubscription> unsubscribe)
    {
        Namespace = ns;
        Predicate = predicate;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Only events in this namespace (null: all).</summary>
    public string? Namespace { get; }

    /// <summary>Selector: an event is delivered if the object matches now or matched before the change.</summary>
    public Func<StoredObject, bool>? Predicate { get; }

    /// <summary>Objects that existed at the start (sent as ADDED first), when the watcher asked for initial events.</summary>
    public IReadOnlyList<StoredObject> InitialObjects { get; internal set; } = [];

    /// <summary>The version the watch starts after (the collection's version when initial objects were taken).</summary>
    public long StartResourceVersion { get; internal set; }

    public ChannelReader<WatchEvent> Reader => _channel.Reader;

    /// <summary>True when the watcher fell behind and was closed by the store.</summary>
    public bool Overflowed { get; private set; }

    internal bool Matches(WatchEvent e) =>
        (Namespace is null || string.Equals(Namespace, e.Object.Namespace, StringComparison.Ordinal))
        && (Predicate is null || Predicate(e.Object) || (e.Previous is not null && Predicate(e.Previous)));

    /// <summary>Delivers an event; false when the buffer is full (the caller then closes this subscription).</summary>
    internal bool TryDeliver(WatchEvent e) => _channel.Writer.TryWrite(e);

    internal void CloseOverflowed()
    {
        Overflowed = true;
        _channel.Writer.TryComplete();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
