using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Negotiation;

/// <summary>
/// A representation other than plain JSON that a client can ask for in its Accept header, e.g. the
/// <c>meta.k8s.io/v1 Table</c> that <c>kubectl get</c> asks for (<c>application/json;as=Table;v=v1;g=meta.k8s.io</c>).
/// Register with <c>services.AddSingleton&lt;IResponseRenderer, X&gt;()</c>; the first renderer that accepts a media
/// range the client lists (in the client's order) wins; plain JSON is the fallback when the client accepts it.
/// </summary>
public interface IResponseRenderer
{
    /// <summary>Whether this renderer produces <paramref name="range"/> for this request.</summary>
    bool CanRender(MediaRange range, ApiContext context);

    /// <summary>The Content-Type of the response.</summary>
    string ContentType { get; }

    /// <summary>Writes one object (get, create, update, patch, delete answers).</summary>
    Task WriteObjectAsync(ApiContext context, int statusCode, StoredObject obj);

    /// <summary>Writes a list page.</summary>
    Task WriteListAsync(ApiContext context, ListResult list);

    /// <summary>The line (ending in <c>\n</c>) for one watch event, e.g. a one-row Table for <c>kubectl get -w</c>.</summary>
    byte[] RenderWatchEvent(ApiContext context, WatchEventType type, StoredObject obj);
}
