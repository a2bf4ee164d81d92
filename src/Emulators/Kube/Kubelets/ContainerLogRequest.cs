using System.Globalization;
using System.Text;

using Microsoft.AspNetCore.Http;

namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>
/// Serves <c>GET /containerLogs/{ns}/{pod}/{container}</c> as the kubelet does (pkg/kubelet/server/server.go
/// getContainerLogs): <c>follow</c>, <c>previous</c>, <c>timestamps</c> (RFC 3339 with nanoseconds, then a space),
/// <c>sinceSeconds</c>/<c>sinceTime</c>, <c>tailLines</c> and <c>limitBytes</c>, as a text/plain stream.
/// </summary>
internal sealed record ContainerLogRequest(bool Follow, bool Previous, bool Timestamps, DateTimeOffset? Since, long? TailLines, long? LimitBytes)
{
    public static ContainerLogRequest Parse(IQueryCollection query, DateTimeOffset now)
    {
        DateTimeOffset? since = null;
        if (Long(query, "sinceSeconds") is { } seconds)
        {
            since = now.AddSeconds(-seconds);
        }
        else if (query["sinceTime"].FirstOrDefault() is { Length: > 0 } text)
        {
            since = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        return new ContainerLogRequest(Flag(query, "follow"), Flag(query, "previous"), Flag(query, "timestamps"), since,
            Long(query, "tailLines"), Long(query, "limitBytes"));
    }

    public async Task WriteAsync(HttpResponse response, ContainerLog log, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = "text/plain";
        var (lines, completed, changed) = log.Read(0);
        var next = lines.Count;
        var selected = lines.Where(l => Since is null || l.Time >= Since).ToList();
        if (TailLines is { } tail && selected.Count > tail)
        {
            selected = selected.GetRange(selected.Count - (int)tail, (int)tail);
        }

        var budget = LimitBytes ?? long.MaxValue;
        budget = await WriteLinesAsync(response, selected, budget, cancellationToken).ConfigureAwait(false);
        while (Follow && !completed && budget > 0)
        {
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            (lines, completed, changed) = log.Read(next);
            next += lines.Count;
            budget = await WriteLinesAsync(response, lines, budget, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Go's time.RFC3339Nano: fractional seconds without trailing zeros.</summary>
    public static string FormatRfc3339Nano(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var fraction = utc.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + "Z";
    }

    private async Task<long> WriteLinesAsync(HttpResponse response, IReadOnlyList<(DateTimeOffset Time, string Line)> lines, long budget,
        CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return budget;
        }

        var text = new StringBuilder();
        foreach (var (time, line) in lines)
        {
            if (Timestamps)
            {
                text.Append(FormatRfc3339Nano(time)).Append(' ');
            }

            text.Append(line).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var count = (int)Math.Min(bytes.Length, budget);
        await response.Body.WriteAsync(bytes.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        return budget - count;
    }

    private static bool Flag(IQueryCollection query, string name) => query[name].FirstOrDefault() is "true" or "1" or "True" or "TRUE" or "t" or "T";

    private static long? Long(IQueryCollection query, string name) =>
        query[name].FirstOrDefault() is { Length: > 0 } text ? long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;
}
