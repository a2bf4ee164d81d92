using System.Text.Json.Nodes;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// Counts the changes the API server reports on a few collections (raw watches from one resourceVersion on), so a
/// window's write counter can be split into what changed pods, events, nodes and leases, and what changed nothing.
/// </summary>
internal sealed class ChangeCounter : IAsyncDisposable
{
    private static readonly string[] Collections =
        ["api/v1/pods", "api/v1/events", "api/v1/nodes", "apis/coordination.k8s.io/v1/leases"];

    private readonly long[] _counts = new long[Collections.Length];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _watches;

    private ChangeCounter(HttpClient kube, string resourceVersion)
    {
        _watches = [.. Collections.Select((path, i) => Task.Run(() => WatchAsync(kube, $"{path}?watch=true&resourceVersion={resourceVersion}", i, _stop.Token)))];
    }

    public static async Task<ChangeCounter> StartAsync(HttpClient kube, CancellationToken cancellationToken)
    {
        var list = JsonNode.Parse(await kube.GetStringAsync("api/v1/namespaces/kube-system/configmaps?limit=1", cancellationToken));
        string resourceVersion = list?["metadata"]?["resourceVersion"]?.GetValue<string>()
            ?? throw new InvalidOperationException("The API server's list had no resourceVersion.");
        return new ChangeCounter(kube, resourceVersion);
    }

    /// <summary>"pods N, events N, nodes N, leases N" per minute over <paramref name="minutes"/>.</summary>
    public string PerMinute(double minutes) => string.Join(", ", Collections.Select((path, i) =>
        FormattableString.Invariant($"{path[(path.LastIndexOf('/') + 1)..]} {Interlocked.Read(ref _counts[i]) / minutes:F1}")));

    private async Task WatchAsync(HttpClient kube, string url, int index, CancellationToken ct)
    {
        try
        {
            using var response = await kube.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is string line)
            {
                if (line.Length > 0 && !line.Contains("\"BOOKMARK\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _counts[index]);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watches);
        _stop.Dispose();
    }
}
