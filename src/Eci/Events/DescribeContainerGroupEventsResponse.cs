namespace OrleansEci.Eci.Events;

/// <summary>One page of DescribeContainerGroupEvents.</summary>
public sealed record DescribeContainerGroupEventsResponse : EciResponse, IPagedResponse<ContainerGroupEvents>
{
    /// <summary>The token of the next page; empty on the last.</summary>
    public string? NextToken { get; init; }

    /// <summary>Matching groups in all pages.</summary>
    public int? TotalCount { get; init; }

    /// <summary>This page's groups with their events.</summary>
    public IReadOnlyList<ContainerGroupEvents> Data { get; init; } = [];

    IEnumerable<ContainerGroupEvents> IPagedResponse<ContainerGroupEvents>.Items => Data;
}
