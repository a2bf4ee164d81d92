using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>DescribeContainerGroups (eci-openapi.md §3.2): full details, ≤ 20 per page.</summary>
public sealed record DescribeContainerGroupsRequest : IPagedRequest<DescribeContainerGroupsRequest>
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>Only this zone.</summary>
    public string? ZoneId { get; init; }

    /// <summary>Only this vSwitch.</summary>
    public string? VSwitchId { get; init; }

    /// <summary>Only this security group.</summary>
    public string? SecurityGroupId { get; init; }

    /// <summary>Only these ids (≤ 20), sent as a JSON array.</summary>
    [WireFormat(WireFormat.JsonText)]
    public IReadOnlyList<string>? ContainerGroupIds { get; init; }

    /// <summary>Only this name.</summary>
    public string? ContainerGroupName { get; init; }

    /// <summary>Only this status.</summary>
    public string? Status { get; init; }

    /// <summary>Only groups with all these tags.</summary>
    [WireName("Tag")]
    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>Only this resource group.</summary>
    public string? ResourceGroupId { get; init; }

    /// <summary>Only this compute category.</summary>
    public string? ComputeCategory { get; init; }

    /// <summary>Include each group's events.</summary>
    public bool? WithEvent { get; init; }

    /// <summary>Page size (default and max 20).</summary>
    public int? Limit { get; init; }

    /// <summary>The page token from the previous answer; empty for the first page.</summary>
    public string? NextToken { get; init; }

    DescribeContainerGroupsRequest IPagedRequest<DescribeContainerGroupsRequest>.WithNextToken(string nextToken) => this with { NextToken = nextToken };
}
