using System.Globalization;

using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// The filters and paging shared by DescribeContainerGroups, DescribeContainerGroupStatus and
/// DescribeContainerGroupEvents: ZoneId, VSwitchId, SecurityGroupId, ContainerGroupIds (JSON, ≤20),
/// ContainerGroupName, Status, Tag.N, ResourceGroupId, SinceSecond; Limit and NextToken. Pages are in creation order;
/// NextToken is the position after the last group returned, so groups created meanwhile never shift a page.
/// </summary>
internal sealed class GroupQuery
{
    private readonly RpcParameters _p;
    private readonly IReadOnlyList<string>? _ids;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _tags;
    private readonly int? _sinceSecond;

    public GroupQuery(RpcParameters p, bool statusFilters)
    {
        _p = p;
        _ids = p.JsonStrings("ContainerGroupIds", 20);
        _tags = p.Tags();
        _sinceSecond = statusFilters ? p.Int("SinceSecond", 1) : null;
    }

    public (List<ContainerGroup> Page, string NextToken, int Total) Run(EmulatorState state, DateTimeOffset now, int defaultLimit, int maxLimit)
    {
        int limit = _p.Int("Limit", 1, maxLimit) ?? defaultLimit;
        int start = 0;
        if (_p.Optional("NextToken") is string token && !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            throw EciErrors.InvalidParameter("NextToken", "Pass back the NextToken of the previous page unchanged.");
        }

        List<ContainerGroup> matching = [];
        foreach (ContainerGroup g in Candidates(state, now))
        {
            lock (g.Gate)
            {
                if (Matches(g, now))
                {
                    matching.Add(g);
                }
            }
        }

        List<ContainerGroup> page = [.. matching.Skip(start).Take(limit)];
        string next = start + page.Count < matching.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : "";
        return (page, next, matching.Count);
    }

    /// <summary>Projects each group of a page under its lock.</summary>
    public static List<T> Project<T>(List<ContainerGroup> page, Func<ContainerGroup, T> project)
    {
        List<T> items = new(page.Count);
        foreach (ContainerGroup g in page)
        {
            lock (g.Gate)
            {
                items.Add(project(g));
            }
        }

        return items;
    }

    private IEnumerable<ContainerGroup> Candidates(EmulatorState state, DateTimeOffset now) =>
        _ids is null
            ? state.Groups.Snapshot(now)
            : _ids.Distinct(StringComparer.Ordinal).Select(id => state.Groups.Get(id, now)).OfType<ContainerGroup>();

    private bool Matches(ContainerGroup g, DateTimeOffset now) =>
        Is(_p.Optional("ZoneId"), g.Placement.ZoneId)
        && Is(_p.Optional("VSwitchId"), g.Placement.VSwitchId)
        && Is(_p.Optional("SecurityGroupId"), g.Placement.SecurityGroupId)
        && Is(_p.Optional("ContainerGroupName"), g.Spec.Name)
        && Is(_p.Optional("Status"), g.Status)
        && Is(_p.Optional("ResourceGroupId"), g.Spec.ResourceGroupId ?? "rg-emu-default")
        && _tags.All(t => g.Spec.Tags.Any(x => x.Key == t.Key && (t.Value.Length == 0 || x.Value == t.Value)))
        && (_sinceSecond is not int since || g.StatusChangedAt >= now.AddSeconds(-since));

    private static bool Is(string? wanted, string actual) => wanted is null || wanted == actual;
}
