using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// ECI events (DescribeContainerGroupEvents, or DescribeContainerGroups with <c>WithEvent</c>) → events on the pod. Every
/// reason keeps ECI's name and message (eci-on-kubernetes.md §6: NoStock, StockExhaust, AutoInstanceTypeMatch,
/// SpotToBeReleased, ...), and ECI's type. Malformed entries are repaired, never thrown on: a missing type is Warning
/// unless the reason is one ECI documents as Normal, a missing reason is <c>EciEvent</c>, missing times fall back to each
/// other and then to <c>now</c>, a count below 1 is 1; an entry with neither reason nor message is dropped.
/// </summary>
public static class EciEventTranslator
{
    /// <summary>ECI's component for its own events; <c>kubectl describe</c> shows it in the From column.</summary>
    public const string EciService = "EciService";

    private const string FallbackReason = "EciEvent";

    /// <summary>Reasons ECI documents as Normal events (eci-on-kubernetes.md §6), used when an event comes without a type.</summary>
    private static readonly HashSet<string> NormalReasons = new(StringComparer.Ordinal)
    {
        "AutoInstanceTypeMatch", "MultiZoneRecommendations", "SuccessfulHitImageCache", "ImageCacheAutoCreated",
        "ImageCacheAutoEliminated", "ImageCacheEliminated", "Pulling", "Pulled", "Created", "Started", "Killing", "Scheduled",
    };

    /// <summary>Events from DescribeContainerGroupEvents, oldest first.</summary>
    public static IReadOnlyList<PodEvent> From(IEnumerable<EciEvent> events, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Translate(events.Where(e => e is not null).Select(e =>
            (e.Type, e.Reason, e.Message, e.Count, e.FirstTimestamp, e.LastTimestamp, e.Source?.Component ?? e.ReportingComponent)), now);
    }

    /// <summary>Events from a DescribeContainerGroups group (<c>Events</c>), oldest first.</summary>
    public static IReadOnlyList<PodEvent> From(IEnumerable<ContainerGroupEvent> events, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Translate(events.Where(e => e is not null).Select(e =>
            (e.Type, e.Reason, e.Message, e.Count, e.FirstTimestamp, e.LastTimestamp, (string?)null)), now);
    }

    /// <summary>
    /// The core/v1 Event to POST for <paramref name="e"/> on <paramref name="pod"/>. Its name is the pod name and the
    /// event key, so posting the same event twice is a 409 (update the count instead) rather than a duplicate.
    /// </summary>
    public static Corev1Event ToKubernetes(PodEvent e, PodShape pod, string nodeName, string reportingInstance)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(pod);
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = EventName(pod.Name, e.Key), NamespaceProperty = pod.Namespace },
            InvolvedObject = new V1ObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Name, NamespaceProperty = pod.Namespace, Uid = pod.Uid },
            Type = e.Type,
            Reason = e.Reason,
            Message = e.Message,
            Count = e.Count,
            FirstTimestamp = e.FirstTimestamp,
            LastTimestamp = e.LastTimestamp,
            Source = new V1EventSource { Component = e.Source, Host = nodeName },
            ReportingComponent = e.Source,
            ReportingInstance = reportingInstance,
        };
    }

    private static List<PodEvent> Translate(
        IEnumerable<(string? Type, string? Reason, string? Message, int? Count, DateTimeOffset? First, DateTimeOffset? Last, string? Source)> events,
        DateTime now)
    {
        DateTime utcNow = now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : DateTime.SpecifyKind(now, DateTimeKind.Utc);
        Dictionary<string, PodEvent> byKey = new(StringComparer.Ordinal);
        foreach ((string? type, string? reason, string? message, int? count, DateTimeOffset? first, DateTimeOffset? last, string? source) in events)
        {
            string? why = ContainerStates.Text(reason);
            string? what = ContainerStates.Text(message);
            if (why is null && what is null)
            {
                continue;
            }

            why ??= FallbackReason;
            DateTime? firstSeen = ContainerStates.Utc(first);
            DateTime? lastSeen = ContainerStates.Utc(last);
            string kind = Type(type, why);
            string key = Key(kind, why, what ?? why, firstSeen);
            PodEvent e = new(kind, why, what ?? why, Math.Max(1, count ?? 1), firstSeen ?? lastSeen ?? utcNow, lastSeen ?? firstSeen ?? utcNow, key,
                ContainerStates.Text(source) ?? EciService);

            // The same event twice in one answer (ECI re-aggregating): keep the later sighting.
            if (!byKey.TryGetValue(key, out PodEvent? seen) || e.LastTimestamp >= seen.LastTimestamp)
            {
                byKey[key] = e;
            }
        }

        return [.. byKey.Values.OrderBy(e => e.FirstTimestamp).ThenBy(e => e.Key, StringComparer.Ordinal)];
    }

    private static string Type(string? type, string reason) => type?.Trim().ToUpperInvariant() switch
    {
        "NORMAL" => "Normal",
        "WARNING" => "Warning",
        _ => NormalReasons.Contains(reason) ? "Normal" : "Warning",
    };

    /// <summary>
    /// 16 hex characters of SHA-256 over type, reason, message and first time (to the second; without it when ECI sent
    /// none, so the key does not change with the poll time).
    /// </summary>
    private static string Key(string type, string reason, string message, DateTime? first)
    {
        string seconds = first is { } t ? (t.Ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) : "-";
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', type, reason, message, seconds)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>
    /// <c>pod.key</c>, a valid event name (a DNS subdomain: lower-case letters, digits, '-' and '.', ≤ 253 characters): a key
    /// that is not one already (a caller's own key such as <c>create:NoStock</c>) is replaced by 16 hex digits of its hash,
    /// and the pod name is cut to fit.
    /// </summary>
    private static string EventName(string podName, string key)
    {
        if (key.Length == 0 || key.Length > 64 || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
        }

        string prefix = podName.Length > 253 - 1 - key.Length ? podName[..(253 - 1 - key.Length)].TrimEnd('.', '-') : podName;
        return $"{prefix}.{key}";
    }
}
