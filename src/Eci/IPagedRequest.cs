namespace OrleansEci.Eci;

/// <summary>A request that ECI pages with <c>NextToken</c>.</summary>
internal interface IPagedRequest<out TSelf>
{
    /// <summary>The same request for the page that <paramref name="nextToken"/> names.</summary>
    TSelf WithNextToken(string nextToken);
}
