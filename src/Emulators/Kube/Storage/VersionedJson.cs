using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// An object serialized before its resourceVersion is known. It is written with a marker in
/// <c>metadata.resourceVersion</c>; the version is spliced in under the collection's short commit lock, so the
/// expensive serialization happens outside any lock while versions still reach watchers in order.
/// </summary>
internal sealed class VersionedJson
{
    private static readonly string Marker = "~rv~" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private static readonly byte[] QuotedMarker = Encoding.UTF8.GetBytes("\"" + Marker + "\"");

    private readonly byte[] _json;
    private readonly int _markerAt;

    private VersionedJson(byte[] json, int markerAt)
    {
        _json = json;
        _markerAt = markerAt;
    }

    /// <summary>Serializes <paramref name="obj"/> with the marker as its resourceVersion (sets <c>metadata.resourceVersion</c>).</summary>
    public static VersionedJson Serialize(JsonObject obj)
    {
        KubeJson.GetOrAddObject(obj, "metadata")["resourceVersion"] = Marker;
        var json = KubeJson.ToBytes(obj);
        var at = json.AsSpan().IndexOf(QuotedMarker);
        if (at < 0)
        {
            throw new InvalidOperationException("resourceVersion marker vanished during serialization");
        }

        return new VersionedJson(json, at);
    }

    /// <summary>
    /// Whether these bytes, stamped with <paramref name="resourceVersion"/>, equal <paramref name="stored"/>: an update
    /// that changes nothing is not written (as etcd3's GuaranteedUpdate compares the encoded bytes).
    /// </summary>
    public bool SameAs(byte[] stored, long resourceVersion)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(resourceVersion, digits, out var written);
        var tail = _json.Length - _markerAt - QuotedMarker.Length;
        if (stored.Length != _markerAt + written + 2 + tail)
        {
            return false;
        }

        var span = stored.AsSpan();
        return span[.._markerAt].SequenceEqual(_json.AsSpan(0, _markerAt))
            && span[_markerAt] == (byte)'"'
            && span.Slice(_markerAt + 1, written).SequenceEqual(digits[..written])
            && span[_markerAt + 1 + written] == (byte)'"'
            && span[(_markerAt + written + 2)..].SequenceEqual(_json.AsSpan(_markerAt + QuotedMarker.Length));
    }

    /// <summary>The bytes with <c>"resourceVersion":"&lt;rv&gt;"</c>.</summary>
    public byte[] WithVersion(long resourceVersion)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(resourceVersion, digits, out var written);
        var result = new byte[_json.Length - QuotedMarker.Length + written + 2];
        var span = result.AsSpan();
        _json.AsSpan(0, _markerAt).CopyTo(span);
        span[_markerAt] = (byte)'"';
        digits[..written].CopyTo(span[(_markerAt + 1)..]);
        span[_markerAt + 1 + written] = (byte)'"';
        _json.AsSpan(_markerAt + QuotedMarker.Length).CopyTo(span[(_markerAt + written + 2)..]);
        return result;
    }
}
