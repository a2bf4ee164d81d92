using System.Globalization;
using System.Text;

namespace OrleansEci.Spdy.Upgrade;

/// <summary>An HTTP/1.1 response's status line and headers, read byte-exactly so that whatever follows the blank
/// line (SPDY frames, or an error body) stays available.</summary>
internal sealed class HttpResponseHead
{
    private readonly Dictionary<string, List<string>> headers = new(StringComparer.OrdinalIgnoreCase);

    private HttpResponseHead(int statusCode) => StatusCode = statusCode;

    public int StatusCode { get; }

    /// <summary>Bytes read past the head.</summary>
    public ReadOnlyMemory<byte> Rest { get; private set; }

    public string? this[string name] => headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    public static async Task<HttpResponseHead> ReadAsync(Stream stream, int maxSize, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(maxSize, 8192)];
        var filled = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Parse(Encoding.Latin1.GetString(buffer, 0, end));
                head.Rest = buffer.AsMemory(end + 4, filled - end - 4);
                return head;
            }

            if (filled == buffer.Length)
            {
                if (buffer.Length >= maxSize)
                {
                    throw new SpdyUpgradeException(0, $"The server's response head exceeds {maxSize} bytes; it is not an HTTP upgrade answer.");
                }

                Array.Resize(ref buffer, Math.Min(maxSize, buffer.Length * 2));
            }

            var count = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                throw new SpdyUpgradeException(0, $"The server closed the connection after {filled} bytes, before a complete HTTP response head.");
            }

            filled += count;
        }
    }

    /// <summary>Reads the body that follows the head (Content-Length, chunked, or to the end), up to <paramref name="limit"/> bytes.</summary>
    public async Task<byte[]> ReadBodyAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        body.Write(Rest.Span);
        var chunked = this["Transfer-Encoding"]?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
        var length = int.TryParse(this["Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var declared) ? declared : (int?)null;
        var chunk = new byte[4096];
        while (body.Length < limit && (length is null || body.Length < length) && !(chunked && EndsChunked(body)))
        {
            var count = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                break;
            }

            body.Write(chunk, 0, count);
        }

        var bytes = body.ToArray();
        return chunked ? Dechunk(bytes) : bytes[..(int)Math.Min(bytes.Length, length ?? bytes.Length)];
    }

    private static bool EndsChunked(MemoryStream body) => body.Length >= 5 && body.GetBuffer().AsSpan(0, (int)body.Length).EndsWith("0\r\n\r\n"u8);

    private static byte[] Dechunk(byte[] bytes)
    {
        using var output = new MemoryStream();
        var span = bytes.AsSpan();
        while (span.IndexOf("\r\n"u8) is var line and > 0
            && int.TryParse(Encoding.ASCII.GetString(span[..line]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size)
            && size > 0 && span.Length >= line + 2 + size)
        {
            output.Write(span.Slice(line + 2, size));
            span = span[Math.Min(span.Length, line + 2 + size + 2)..];
        }

        return output.ToArray();
    }

    private static HttpResponseHead Parse(string text)
    {
        var lines = text.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new SpdyUpgradeException(0, $"The server did not answer with an HTTP/1.x status line (got '{lines[0]}').");
        }

        var head = new HttpResponseHead(code);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                if (!head.headers.TryGetValue(name, out var values))
                {
                    head.headers[name] = values = [];
                }

                values.Add(line[(colon + 1)..].Trim());
            }
        }

        return head;
    }
}
