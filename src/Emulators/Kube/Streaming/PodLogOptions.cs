using System.Globalization;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// The query of <c>GET pods/{name}/log</c> (core/v1 PodLogOptions), validated as ValidatePodLogOptions
/// (pkg/apis/core/validation/validation.go), and the kubelet query kube-apiserver builds from it
/// (pkg/registry/core/pod/strategy.go LogLocation: url.Values, so keys sorted).
/// </summary>
internal sealed record PodLogOptions(string? Container, bool Follow, bool Previous, bool Timestamps, long? SinceSeconds,
    DateTimeOffset? SinceTime, long? TailLines, long? LimitBytes)
{
    public static PodLogOptions Parse(ApiContext context)
    {
        var options = new PodLogOptions(context.Query("container"), Flag(context, "follow"), Flag(context, "previous"), Flag(context, "timestamps"),
            context.QueryInt64("sinceSeconds"), Time(context.Query("sinceTime")), context.QueryInt64("tailLines"), context.QueryInt64("limitBytes"));
        var causes = new List<StatusCause>();
        if (options.TailLines is < 0)
        {
            causes.Add(StatusCause.Invalid("tailLines", options.TailLines, "must be greater than or equal to 0"));
        }

        if (options.LimitBytes is < 1)
        {
            causes.Add(StatusCause.Invalid("limitBytes", options.LimitBytes, "must be greater than 0"));
        }

        if (options.SinceSeconds is not null && options.SinceTime is not null)
        {
            causes.Add(StatusCause.Forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        }
        else if (options.SinceSeconds is < 1)
        {
            causes.Add(StatusCause.Invalid("sinceSeconds", options.SinceSeconds, "must be greater than 0"));
        }

        return causes.Count == 0 ? options : throw ApiErrors.Invalid("", "PodLogOptions", context.Request.Name ?? "", causes);
    }

    /// <summary>The kubelet's query string (starting with <c>?</c>, or empty).</summary>
    public string KubeletQuery()
    {
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Follow)
        {
            pairs["follow"] = "true";
        }

        if (Previous)
        {
            pairs["previous"] = "true";
        }

        if (Timestamps)
        {
            pairs["timestamps"] = "true";
        }

        if (SinceSeconds is { } seconds)
        {
            pairs["sinceSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (SinceTime is { } since)
        {
            pairs["sinceTime"] = since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        if (TailLines is { } tail)
        {
            pairs["tailLines"] = tail.ToString(CultureInfo.InvariantCulture);
        }

        if (LimitBytes is { } limit)
        {
            pairs["limitBytes"] = limit.ToString(CultureInfo.InvariantCulture);
        }

        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    private static bool Flag(ApiContext context, string name) => context.Query(name) switch
    {
        null or "" or "false" or "0" or "f" or "F" or "False" or "FALSE" => false,
        "true" or "1" or "t" or "T" or "True" or "TRUE" => true,
        var other => throw ApiErrors.BadRequest($"strconv.ParseBool: parsing \"{other}\": invalid syntax"),
    };

    private static DateTimeOffset? Time(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw ApiErrors.BadRequest($"parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{text}\" as \"2006\"");
    }
}
