using System.Globalization;
using System.Text.RegularExpressions;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Status;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// ECI's notice that a spot instance is about to be released: the <c>SpotToBeReleased</c> event ("Spot ECI will be
/// released in %s minutes", eci-annotations-current.md §4) or the <c>ContainerInstanceExpired=True</c> condition that comes
/// with it. <paramref name="At"/> is when ECI gave the notice (null when it sent no time); <paramref name="Lead"/> the
/// minutes its message names (null when it names none, or a value that is not a whole number from 0 to 60).
/// </summary>
public sealed partial record SpotNotice(string Message, DateTime? At, TimeSpan? Lead)
{
    /// <summary>When the instance goes: the notice's time (or <paramref name="now"/>) plus its lead (or <paramref name="assumedLead"/>).</summary>
    public DateTimeOffset ReleaseAt(DateTimeOffset now, TimeSpan assumedLead)
    {
        DateTimeOffset given = At is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : now;
        return (given > now ? now : given) + (Lead ?? assumedLead);
    }

    /// <summary>The latest SpotToBeReleased among DescribeContainerGroupEvents' events; null when there is none.</summary>
    public static SpotNotice? From(IEnumerable<EciEvent>? events) =>
        Latest((events ?? []).Where(e => e is not null).Select(e => (e.Reason, e.Message, e.LastTimestamp ?? e.FirstTimestamp)));

    /// <summary>The latest SpotToBeReleased among a DescribeContainerGroups group's events; null when there is none.</summary>
    public static SpotNotice? From(IEnumerable<ContainerGroupEvent>? events) =>
        Latest((events ?? []).Where(e => e is not null).Select(e => (e.Reason, e.Message, e.LastTimestamp ?? e.FirstTimestamp)));

    /// <summary>The ContainerInstanceExpired=True condition of DescribeContainerGroupStatus; null when there is none.</summary>
    public static SpotNotice? From(ContainerGroupStatus? status)
    {
        PodConditionInfo? c = status?.PodStatus?.Conditions?.FirstOrDefault(c =>
            c is not null && c.Type == EciConditionTypes.ContainerInstanceExpired && string.Equals(c.Status, "True", StringComparison.OrdinalIgnoreCase));
        if (c is null)
        {
            return null;
        }

        string message = ContainerStates.Text(c.Message) ?? ContainerStates.Text(c.Reason) ?? EciConditionTypes.SpotToBeReleased;
        return new SpotNotice(message, ContainerStates.Utc(c.LastTransitionTime), LeadOf(message));
    }

    private static SpotNotice? Latest(IEnumerable<(string? Reason, string? Message, DateTimeOffset? At)> events)
    {
        (string? message, DateTimeOffset? at, bool found) = events
            .Where(e => e.Reason == EciConditionTypes.SpotToBeReleased)
            .OrderBy(e => e.At ?? DateTimeOffset.MinValue)
            .Select(e => (e.Message, e.At, true))
            .LastOrDefault();
        if (!found)
        {
            return null;
        }

        string text = ContainerStates.Text(message) ?? EciConditionTypes.SpotToBeReleased;
        return new SpotNotice(text, ContainerStates.Utc(at), LeadOf(text));
    }

    /// <summary>The minutes named by "… released in N minutes"; null when absent or beyond an hour (not a reclaim notice).</summary>
    private static TimeSpan? LeadOf(string message)
    {
        Match m = MinutesPattern().Match(message);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) && minutes <= 60
            ? TimeSpan.FromMinutes(minutes)
            : null;
    }

    [GeneratedRegex(@"\bin\s+(\d{1,3})\s+minutes?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MinutesPattern();
}
