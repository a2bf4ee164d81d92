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
    private readonly string? _zoneId;
    private readonly string? _vSwitchId;
    private readonly string? _securityGroupId;
    private readonly string? _name;
    private readonly string? _status;
    private readonly string? _resourceGroupId;

    private readonly bool _sinceCountsEvents;

    /// <param name="p">The call's parameters.</param>
    /// <param name="statusFilters">Whether Status and SinceSecond apply.</param>
    /// <param name="sinceCountsEvents">
    /// SinceSecond also selects groups with an event recorded in the window (DescribeContainerGroupEvents: a
    /// SpotToBeReleased warning on a Running group is news although its status did not change).
    /// </param>
    public GroupQuery(RpcParameters p, bool statusFilters, bool sinceCountsEvents = false)
    {
        _sinceCountsEvents = sinceCountsEvents;
        _p = p;
        _ids = p.JsonStrings("ContainerGroupIds", 20);
        _tags = p.Tags();
        _sinceSecond = statusFilters ? p.Int("SinceSecond", 1) : null;
        _zoneId = p.Optional("ZoneId");
        _vSwitchId = p.Optional("VSwitchId");
        _securityGroupId = p.Optional("SecurityGroupId");
        _name = p.Optional("ContainerGroupName");
        _status = p.Optional("Status");
        _resourceGroupId = p.Optional("ResourceGroupId");
    }

    public (List<ContainerGroup> Page, string NextToken, int Total) Run(EmulatorState state, DateTimeOffset now, int defaultLimit, int maxLimit)
    {
        int limit = _p.Int("Limit", 1, maxLimit) ?? defaultLimit;
        int start = 0;
        if (_p.Optional("NextToken") is string token && !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            throw EciErrors.InvalidParameter("NextToken", "Pass back the NextToken of the previous page unchanged.");
        }

        // One pass: the filters on what never changes are checked without the lock, and only the groups they let
        // through are advanced (under their lock) to be checked for status and recency. Scanning every group under
        // its lock first made a tag query cost two locked passes over the region.
        List<ContainerGroup> matching = [];
        foreach (ContainerGroup g in Candidates(state, now))
        {
            if (!MatchesFixed(g))
            {
                continue;
            }

            lock (g.Gate)
            {
                g.Advance(now, state.Context);
                if (!g.Deleted && MatchesState(g, now))
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
            ? state.Groups.InCreationOrder(now)
            : _ids.Distinct(StringComparer.Ordinal).Select(state.Groups.Find).OfType<ContainerGroup>();

    /// <summary>Filters on the placement (fixed at create) and the spec (replaced whole on update, so one read is consistent).</summary>
    private bool MatchesFixed(ContainerGroup g)
    {
        GroupSpec spec = g.Spec;
        return Is(_zoneId, g.Placement.ZoneId)
            && Is(_vSwitchId, g.Placement.VSwitchId)
            && Is(_securityGroupId, g.Placement.SecurityGroupId)
            && Is(_name, spec.Name)
            && Is(_resourceGroupId, spec.ResourceGroupId ?? "rg-emu-default")
            && HasTags(spec.Tags);
    }

    /// <summary>Filters on the lifecycle; call with the group's lock held, after advancing it.</summary>
    private bool MatchesState(ContainerGroup g, DateTimeOffset now) =>
        Is(_status, g.Status) && (_sinceSecond is not int since || ChangedSince(g, now.AddSeconds(-since)));

    private bool ChangedSince(ContainerGroup g, DateTimeOffset since)
    {
        if (g.PodStatusChangedAt >= since)
        {
            return true;
        }

        if (_sinceCountsEvents)
        {
            foreach (GroupEvent e in g.Events)
            {
                if (e.LastTimestamp >= since)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Indexed loops: an interface foreach allocates an enumerator per group, and this runs for every group of a query.
    private bool HasTags(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        for (int i = 0; i < _tags.Count; i++)
        {
            (string key, string value) = _tags[i];
            bool found = false;
            for (int j = 0; j < tags.Count && !found; j++)
            {
                found = tags[j].Key == key && (value.Length == 0 || tags[j].Value == value);
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Is(string? wanted, string actual) => wanted is null || wanted == actual;
}
