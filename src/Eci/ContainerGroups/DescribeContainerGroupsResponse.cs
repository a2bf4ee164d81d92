namespace OrleansEci.Eci.ContainerGroups;

/// <summary>One page of DescribeContainerGroups; an empty <see cref="NextToken"/> means the last page.</summary>
public sealed record DescribeContainerGroupsResponse : EciResponse, IPagedResponse<ContainerGroup>
{
    /// <summary>The token of the next page.</summary>
    public string? NextToken { get; init; }

    /// <summary>Matching groups in all pages.</summary>
    public int? TotalCount { get; init; }

    /// <summary>This page's groups.</summary>
    public IReadOnlyList<ContainerGroup> ContainerGroups { get; init; } = [];

    IEnumerable<ContainerGroup> IPagedResponse<ContainerGroup>.Items => ContainerGroups;
}
