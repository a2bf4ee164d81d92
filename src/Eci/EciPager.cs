using System.Runtime.CompilerServices;

namespace OrleansEci.Eci;

/// <summary>
/// Walks ECI's NextToken pagination as an async stream: a page is fetched only when the reader
/// gets to it, and an empty NextToken ends the walk. A token that comes back twice would loop
/// forever, so it stops the walk with an error instead.
/// </summary>
internal static class EciPager
{
    public static async IAsyncEnumerable<TItem> ItemsAsync<TRequest, TResponse, TItem>(
        string action,
        TRequest first,
        Func<TRequest, CancellationToken, Task<TResponse>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IPagedRequest<TRequest>
        where TResponse : IPagedResponse<TItem>
    {
        ArgumentNullException.ThrowIfNull(first);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        TRequest request = first;
        while (true)
        {
            TResponse page = await fetch(request, cancellationToken).ConfigureAwait(false);
            foreach (TItem item in page.Items)
            {
                yield return item;
            }

            string? token = page.NextToken;
            if (string.IsNullOrEmpty(token))
            {
                yield break;
            }

            if (!seen.Add(token))
            {
                throw new InvalidOperationException($"ECI {action} returned NextToken '{token}' a second time; stopping instead of reading the same pages forever.");
            }

            request = request.WithNextToken(token);
        }
    }
}
