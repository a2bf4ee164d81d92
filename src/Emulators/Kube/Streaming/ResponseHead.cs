using System.Globalization;
using System.Text;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// An HTTP/1.1 response head read byte-exactly from a raw connection (what follows the blank line, SPDY frames or a
/// body, is kept in <see cref="Rest"/>), and the body reader for non-upgrade answers. Hand-written: HttpClient cannot
/// hand back the connection after a 101, which an upgrade proxy needs.
/// </summary>
internal sealed class ResponseHead
{
    private const int MaxHeadSize = 64 * 1024;

    private ResponseHead(int statusCode, List<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> rest)
    {
        StatusCode = statusCode;
        Headers = headers;
        Rest = rest;
    }

    public int StatusCode { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public ReadOnlyMemory<byte> Rest { get; }

    public string? this[string name] =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public static async Task<ResponseHead> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var filled = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return Parse(Encoding.Latin1.GetString(buffer, 0, end), buffer.AsMemory(end + 4, filled - end - 4));
            }

            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxHeadSize)
                {
                    throw new IOException($"the kubelet's response head exceeds {MaxHeadSize} bytes");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var count = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                throw new IOException("the kubelet closed the connection before answering");
            }

            filled += count;
        }
    }

    /// <summary>Reads the body (Content-Length, chunked, or to the end of the connection), at most <paramref name="limit"/> bytes.</summary>
    public async Task<byte[]> ReadBodyAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var raw = new MemoryStream();
        raw.Write(Rest.Span);
        var chunked = this["Transfer-Encoding"]?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
        var length = long.TryParse(this["Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : (long?)null;
        var buffer = new byte[8192];
        while (raw.Length < limit && (length is null || raw.Length < length) && !(chunked && LastChunkSeen(raw)))
        {
            var count = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                break;
            }

            raw.Write(buffer, 0, count);
        }

        var bytes = raw.ToArray();
        if (length is { } n && bytes.Length > n)
        {
            bytes = bytes[..(int)n];
        }

        return chunked ? Dechunk(bytes) : bytes;
    }

    private static bool LastChunkSeen(MemoryStream raw)
    {
        var bytes = raw.GetBuffer().AsSpan(0, (int)raw.Length);
        return bytes.StartsWith("0\r\n\r\n"u8) || bytes.EndsWith("\r\n0\r\n\r\n"u8);
    }

    private static byte[] Dechunk(byte[] bytes)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (at < bytes.Length)
        {
            var lineEnd = bytes.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var sizeText = Encoding.ASCII.GetString(bytes, at, lineEnd).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }

            at += lineEnd + 2;
            body.Write(bytes, at, Math.Min(size, bytes.Length - at));
            at += size + 2;
        }

        return body.ToArray();
    }

    private static ResponseHead Parse(string head, ReadOnlyMemory<byte> rest)
    {
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new IOException($"the kubelet answered with a malformed status line: {lines[0]}");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return new ResponseHead(code, headers, rest.ToArray());
    }
}
