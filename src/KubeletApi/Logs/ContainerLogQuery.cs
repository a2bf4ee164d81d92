using System.Diagnostics.CodeAnalysis;
using System.Globalization;

using Microsoft.AspNetCore.Http;

using OrleansEci.KubeletApi.Errors;

namespace OrleansEci.KubeletApi.Logs;

/// <summary>
/// The query of <c>GET /containerLogs/{ns}/{pod}/{container}</c>, checked as the API server validates PodLogOptions
/// (pkg/apis/core/validation ValidatePodLogOptions): tailLines ≥ 0, limitBytes ≥ 1, sinceSeconds ≥ 1, sinceTime
/// RFC 3339, at most one of sinceSeconds and sinceTime; booleans as Go's strconv.ParseBool reads them.
/// </summary>
public sealed record ContainerLogQuery
{
    public bool Follow { get; init; }

    public bool Previous { get; init; }

    public bool Timestamps { get; init; }

    public long? TailLines { get; init; }

    public long? LimitBytes { get; init; }

    public long? SinceSeconds { get; init; }

    public DateTimeOffset? SinceTime { get; init; }

    /// <summary>The query as a value, or the first malformed parameter named in <paramref name="problem"/>.</summary>
    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out ContainerLogQuery? result, [NotNullWhen(false)] out KubeletProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        result = null;
        if (!Bool(query, "follow", out var follow, out problem)
            || !Bool(query, "previous", out var previous, out problem)
            || !Bool(query, "timestamps", out var timestamps, out problem)
            || !Long(query, "tailLines", 0, out var tail, out problem)
            || !Long(query, "limitBytes", 1, out var limit, out problem)
            || !Long(query, "sinceSeconds", 1, out var since, out problem)
            || !Time(query, "sinceTime", out var sinceTime, out problem))
        {
            return false;
        }

        if (since is not null && sinceTime is not null)
        {
            problem = KubeletProblem.BadRequest("at most one of sinceTime or sinceSeconds may be specified");
            return false;
        }

        result = new ContainerLogQuery
        {
            Follow = follow,
            Previous = previous,
            Timestamps = timestamps,
            TailLines = tail,
            LimitBytes = limit,
            SinceSeconds = since,
            SinceTime = sinceTime,
        };
        return true;
    }

    private static bool Bool(IQueryCollection query, string name, out bool value, [NotNullWhen(false)] out KubeletProblem? problem)
    {
        problem = null;
        value = false;
        if (Single(query, name, out var text, ref problem) is not true)
        {
            return problem is null;
        }

        switch (text)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                return true;
            default:
                problem = KubeletProblem.InvalidParameter(name, text, "expected true or false");
                return false;
        }
    }

    private static bool Long(IQueryCollection query, string name, long minimum, out long? value, [NotNullWhen(false)] out KubeletProblem? problem)
    {
        problem = null;
        value = null;
        if (Single(query, name, out var text, ref problem) is not true)
        {
            return problem is null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < minimum)
        {
            problem = KubeletProblem.InvalidParameter(name, text, $"expected an integer of at least {minimum}");
            return false;
        }

        value = n;
        return true;
    }

    private static bool Time(IQueryCollection query, string name, out DateTimeOffset? value, [NotNullWhen(false)] out KubeletProblem? problem)
    {
        problem = null;
        value = null;
        if (Single(query, name, out var text, ref problem) is not true)
        {
            return problem is null;
        }

        // RFC 3339: a date, 'T', a time and an offset (Z or ±hh:mm); DateTimeOffset alone would also take "2026-01-01".
        if (text.Length < 20 || text[10] is not ('T' or 't')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            || !(text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-'))
        {
            problem = KubeletProblem.InvalidParameter(name, text, "expected an RFC 3339 time such as 2026-01-01T00:00:00Z");
            return false;
        }

        value = at;
        return true;
    }

    // True: one value in text; false with a problem: repeated; null: absent.
    private static bool? Single(IQueryCollection query, string name, out string text, ref KubeletProblem? problem)
    {
        text = "";
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            problem = KubeletProblem.InvalidParameter(name, string.Join(",", values.ToArray()), "expected one value");
            return false;
        }

        text = values[0] ?? "";
        return true;
    }
}
