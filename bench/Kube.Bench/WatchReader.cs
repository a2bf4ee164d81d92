using System.Buffers.Text;
using System.Net;

namespace OrleansEci.Kube.Bench;

/// <summary>
/// One watcher on its own connection: reads the newline-delimited watch stream and records, for every event, the object's
/// resourceVersion and the moment the line arrived, for matching with the PATCH that wrote it.
/// </summary>
public sealed class WatchReader : IDisposable
{
    private static ReadOnlySpan<byte> VersionMarker => "\"resourceVersion\":\""u8;

    private readonly HttpClient _http;
    private readonly List<(long ResourceVersion, long ReceivedAt)> _events;
    private int _received;

    public WatchReader(Uri server, int expectedEvents)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = server,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _events = new List<(long, long)>(expectedEvents);
    }

    public int Received => Volatile.Read(ref _received);

    public IReadOnlyList<(long ResourceVersion, long ReceivedAt)> Events => _events;

    /// <summary>Opens the watch from <paramref name="fromVersion"/>; returns once the response headers arrived, then reads in the background.</summary>
    public async Task<Task> StartAsync(long fromVersion, CancellationToken ct)
    {
        var response = await _http.GetAsync($"api/v1/namespaces/{KubeHttp.Namespace}/pods?watch=true&resourceVersion={fromVersion}",
            HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"watch: expected 200, got {(int)response.StatusCode}");
        }

        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return Task.Run(() => ReadAsync(response, stream, ct), ct);
    }

    public void Dispose() => _http.Dispose();

    private async Task ReadAsync(HttpResponseMessage response, Stream stream, CancellationToken ct)
    {
        using var owner = response;
        var buffer = new byte[1 << 20];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                var now = KubeHttp.Now();
                filled += read;
                var consumed = Lines(buffer.AsSpan(0, filled), now);
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The phase is over.
        }
    }

    /// <summary>Records every complete line; returns how many bytes they took.</summary>
    private int Lines(ReadOnlySpan<byte> data, long now)
    {
        var consumed = 0;
        int newline;
        while ((newline = data[consumed..].IndexOf((byte)'\n')) >= 0)
        {
            var line = data.Slice(consumed, newline);
            var at = line.IndexOf(VersionMarker);
            if (at >= 0)
            {
                var digits = line[(at + VersionMarker.Length)..];
                if (Utf8Parser.TryParse(digits, out long version, out _))
                {
                    _events.Add((version, now));
                }
            }

            Interlocked.Increment(ref _received);
            consumed += newline + 1;
        }

        return consumed;
    }
}
