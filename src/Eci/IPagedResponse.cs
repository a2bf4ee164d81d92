namespace OrleansEci.Eci;

/// <summary>One page of a <c>NextToken</c>-paged answer.</summary>
internal interface IPagedResponse<out TItem>
{
    /// <summary>The next page's token; empty or null on the last page.</summary>
    string? NextToken { get; }

    /// <summary>This page's items.</summary>
    IEnumerable<TItem> Items { get; }
}
