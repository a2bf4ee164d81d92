using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.Events;

/// <summary>DescribeContainerGroupEvents (eci-openapi.md §3.4): the last 50 events per group.</summary>
public sealed record DescribeContainerGroupEventsRequest : IPagedRequest<DescribeContainerGroupEventsRequest>
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>Only this zone.</summary>
    public string? ZoneId { get; init; }

    /// <summary>Only this vSwitch.</summary>
    public string? VSwitchId { get; init; }

    /// <summary>Only this resource group.</summary>
    public string? ResourceGroupId { get; init; }

    /// <summary>Only these ids (≤ 20), sent as a JSON array.</summary>
    [WireFormat(WireFormat.JsonText)]
    public IReadOnlyList<string>? ContainerGroupIds { get; init; }

    /// <summary>Only groups with all these tags.</summary>
    [WireName("Tag")]
    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>Only events of the last N seconds.</summary>
    public int? SinceSecond { get; init; }

    /// <summary><c>EciService</c> or <c>K8sAgent</c>; empty for all.</summary>
    public string? EventSource { get; init; }

    /// <summary>Page size.</summary>
    public int? Limit { get; init; }

    /// <summary>The page token; empty for the first page.</summary>
    public string? NextToken { get; init; }

    DescribeContainerGroupEventsRequest IPagedRequest<DescribeContainerGroupEventsRequest>.WithNextToken(string nextToken) => this with { NextToken = nextToken };
}
