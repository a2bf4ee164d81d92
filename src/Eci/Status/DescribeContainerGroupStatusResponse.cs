namespace OrleansEci.Eci.Status;

/// <summary>One page of DescribeContainerGroupStatus.</summary>
public sealed record DescribeContainerGroupStatusResponse : EciResponse, IPagedResponse<ContainerGroupStatus>
{
    /// <summary>The token of the next page; empty on the last.</summary>
    public string? NextToken { get; init; }

    /// <summary>Matching groups in all pages.</summary>
    public int? TotalCount { get; init; }

    /// <summary>This page's statuses.</summary>
    public IReadOnlyList<ContainerGroupStatus> Data { get; init; } = [];

    IEnumerable<ContainerGroupStatus> IPagedResponse<ContainerGroupStatus>.Items => Data;
}
