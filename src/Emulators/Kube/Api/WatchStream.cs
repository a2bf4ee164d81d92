using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Api;

/// <summary>Writes one watcher's events: initial objects, then the subscription's feed, batching flushes.</summary>
internal sealed class WatchStream
{
    private readonly ApiContext _context;
    private readonly WatchSubscription _subscription;
    private readonly ListOptions _options;
    private readonly Stream _body;

    public WatchStream(ApiContext context, WatchSubscription subscription, ListOptions options)
    {
        _context = context;
        _subscription = subscription;
        _options = options;
        _body = context.Http.Response.Body;
    }

    public async Task WriteInitialAsync(bool endBookmark)
    {
        foreach (var obj in _subscription.InitialObjects)
        {
            if ((_subscription.Namespace is null || obj.Namespace == _subscription.Namespace) && Matches(obj))
            {
                await _body.WriteAsync(Render(WatchEventType.Added, obj), _context.Aborted).ConfigureAwait(false);
            }
        }

        if (endBookmark)
        {
            await _body.WriteAsync(WatchHandler.BookmarkLine(_context, _subscription.StartResourceVersion, true), _context.Aborted).ConfigureAwait(false);
        }

        await _body.FlushAsync(_context.Aborted).ConfigureAwait(false);
    }

    /// <summary>Writes events until the feed ends or <paramref name="cancellationToken"/> fires; bookmarks when <paramref name="firstBookmark"/> is given.</summary>
    public async Task PumpAsync(Task? firstBookmark, TimeProvider time, CancellationToken cancellationToken)
    {
        var reader = _subscription.Reader;
        var type = _context.Type;
        var interval = _context.Options.BookmarkInterval;
        Task<bool>? waiting = null;
        var tick = firstBookmark;
        while (true)
        {
            waiting ??= reader.WaitToReadAsync(cancellationToken).AsTask();
            if (tick is not null && await Task.WhenAny(waiting, tick).ConfigureAwait(false) == tick && !waiting.IsCompleted)
            {
                await tick.ConfigureAwait(false);
                var rv = _context.Service.Store.ConsistentResourceVersion(type);
                if (!reader.TryPeek(out _))
                {
                    await WatchHandler.WriteAsync(_context, WatchHandler.BookmarkLine(_context, rv, false)).ConfigureAwait(false);
                }

                tick = Task.Delay(interval, time, cancellationToken);
                continue;
            }

            var more = await waiting.ConfigureAwait(false);
            waiting = null;
            if (!more)
            {
                return;
            }

            while (reader.TryRead(out var e))
            {
                if (Line(e) is { } line)
                {
                    await _body.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                }
            }

            await _body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool Matches(StoredObject obj) => _subscription.Predicate is null || _subscription.Predicate(obj);

    /// <summary>The line for an event as this watcher sees it; null when it is filtered out (cacheWatcher.convertToWatchEvent).</summary>
    private byte[]? Line(WatchEvent e)
    {
        if (_subscription.Predicate is null)
        {
            return _context.Renderer is null ? e.GetLine() : Render(e.Type, e.Object);
        }

        var now = e.Type != WatchEventType.Deleted && Matches(e.Object);
        var before = e.Previous is not null && Matches(e.Previous);
        return (now, before) switch
        {
            (true, true) => _context.Renderer is null ? e.GetLine() : Render(e.Type, e.Object),
            (true, false) => _context.Renderer is null && e.Type == WatchEventType.Added ? e.GetLine() : Render(WatchEventType.Added, e.Object),
            (false, true) when e.Type == WatchEventType.Deleted => _context.Renderer is null ? e.GetLine() : Render(e.Type, e.Object),
            (false, true) => Render(WatchEventType.Deleted, WithVersion(e.Previous!, e.ResourceVersion)),
            _ => null,
        };
    }

    private byte[] Render(WatchEventType type, StoredObject obj) =>
        _context.Renderer?.RenderWatchEvent(_context, type, obj) ?? WatchEvent.BuildLine(type, obj.Json);

    /// <summary>The object before a change that took it out of the filter, at the change's version (what the real watch cache sends).</summary>
    private static StoredObject WithVersion(StoredObject obj, long resourceVersion)
    {
        var json = obj.ToJson();
        Meta.Of(json)["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new StoredObject(obj.Namespace, obj.Name, obj.Uid, resourceVersion, KubeJson.ToBytes(json), obj.Labels, obj.Fields);
    }
}
