using OrleansEci.Eci;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;

namespace OrleansEci.Grains.Polling;

/// <summary>DescribeContainerGroups by id, the one way the runtime asks ECI whether groups still exist.</summary>
internal static class ContainerGroupLookup
{
    /// <summary>The most ids one DescribeContainerGroups call takes (eci-openapi.md §3.2).</summary>
    public const int IdsPerCall = 20;

    /// <summary>
    /// The groups among <paramref name="ids"/> (at most <see cref="IdsPerCall"/>) that exist. Real ECI may answer
    /// NotFound for unknown ids instead of leaving them out (Terraform treats it so), so a batch that gets NotFound is
    /// asked again one id at a time.
    /// </summary>
    public static async Task<IReadOnlyList<ContainerGroup>> DescribeByIdsAsync(this IEciClient eci, IReadOnlyList<string> ids, CancellationToken ct)
    {
        try
        {
            return (await eci.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { ContainerGroupIds = ids, Limit = IdsPerCall }, ct)
                .ConfigureAwait(false)).ContainerGroups;
        }
        catch (EciException e) when (e.Category == EciErrorCategory.NotFound && ids.Count > 1)
        {
            var found = new List<ContainerGroup>();
            foreach (string id in ids)
            {
                found.AddRange(await eci.DescribeByIdsAsync([id], ct).ConfigureAwait(false));
            }

            return found;
        }
        catch (EciException e) when (e.Category == EciErrorCategory.NotFound)
        {
            return [];
        }
    }
}
