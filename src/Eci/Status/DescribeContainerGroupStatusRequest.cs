using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.Status;

/// <summary>
/// DescribeContainerGroupStatus (eci-openapi.md §3.3): the cheap poller, ≤ 200 per page.
/// ECI names the page size <c>Limit</c> (alibabacloud SDKs: <c>Limit</c>, maximum 200).
/// </summary>
public sealed record DescribeContainerGroupStatusRequest : IPagedRequest<DescribeContainerGroupStatusRequest>
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

    /// <summary>Only groups whose status changed in the last N seconds.</summary>
    public int? SinceSecond { get; init; }

    /// <summary>Page size (default 200).</summary>
    public int? Limit { get; init; }

    /// <summary>The page token; empty for the first page.</summary>
    public string? NextToken { get; init; }

    DescribeContainerGroupStatusRequest IPagedRequest<DescribeContainerGroupStatusRequest>.WithNextToken(string nextToken) => this with { NextToken = nextToken };
}
