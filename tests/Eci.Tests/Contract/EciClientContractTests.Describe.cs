using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Status;

namespace OrleansEci.Eci.Tests.Contract;

/// <summary>Listing: DescribeContainerGroups (all, by id, by tag, by name, paged), DescribeContainerGroupStatus, events.</summary>
public sealed partial class EciClientContractTests
{
    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DescribeContainerGroups_ByIdTagNameAndPages_ListsExactlyTheMatchingGroups(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        Tag setA = new("set", "a");
        string[] ids =
        [
            await CreateAsync(target, ContractRequests.Simple(target, "contract-list-0") with { Tags = [target.RunTag, setA] }),
            await CreateAsync(target, ContractRequests.Simple(target, "contract-list-1") with { Tags = [target.RunTag, setA] }),
            await CreateAsync(target, ContractRequests.Simple(target, "contract-list-2")),
        ];

        DescribeContainerGroupsResponse all = await target.Client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest(), Ct);
        DescribeContainerGroupsResponse byId = await target.Client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { ContainerGroupIds = [ids[1]] }, Ct);
        DescribeContainerGroupsResponse byName = await target.Client.DescribeContainerGroupsAsync(
            new DescribeContainerGroupsRequest { ContainerGroupName = "contract-list-2", Tags = [target.RunTag] }, Ct);
        DescribeContainerGroupsResponse page1 = await target.Client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { Tags = [target.RunTag], Limit = 2 }, Ct);
        DescribeContainerGroupsResponse page2 = await target.Client.DescribeContainerGroupsAsync(
            new DescribeContainerGroupsRequest { Tags = [target.RunTag], Limit = 2, NextToken = page1.NextToken }, Ct);

        Assert.True(all.TotalCount >= 3 && all.ContainerGroups.Count > 0, $"Expected an unfiltered list to count at least our 3 groups, got TotalCount {all.TotalCount}");
        Assert.True(byId.ContainerGroups.Select(g => g.ContainerGroupId).SequenceEqual([ids[1]]), $"Expected by id only {ids[1]}, got {Ids(byId.ContainerGroups)}");
        Assert.True(byName.ContainerGroups.Select(g => g.ContainerGroupId).SequenceEqual([ids[2]]), $"Expected by name only {ids[2]}, got {Ids(byName.ContainerGroups)}");
        Assert.True(page1.ContainerGroups.Count == 2 && !string.IsNullOrEmpty(page1.NextToken) && page1.TotalCount == 3,
            $"Expected page 1 of 2 with a NextToken and TotalCount 3, got {page1.ContainerGroups.Count} groups, NextToken '{page1.NextToken}', TotalCount {page1.TotalCount}");
        Assert.True(page2.ContainerGroups.Count == 1 && string.IsNullOrEmpty(page2.NextToken),
            $"Expected the last page to hold 1 group and no NextToken, got {page2.ContainerGroups.Count} groups and '{page2.NextToken}'");
        string[] paged = [.. page1.ContainerGroups.Concat(page2.ContainerGroups).Select(g => g.ContainerGroupId!).Order(StringComparer.Ordinal)];
        Assert.True(paged.SequenceEqual(ids.Order(StringComparer.Ordinal)), $"Expected the two pages to hold [{string.Join(", ", ids)}] once each, got [{string.Join(", ", paged)}]");
        string[] tagged = await IdsWithTagAsync(target, setA);
        Assert.True(tagged.SequenceEqual(ids[..2].Order(StringComparer.Ordinal)), $"Expected tag set=a on [{ids[0]}, {ids[1]}] only, got [{string.Join(", ", tagged)}]");
        List<ContainerGroup> streamed = [];
        await foreach (ContainerGroup g in target.Client.ListContainerGroupsAsync(new DescribeContainerGroupsRequest { Tags = [target.RunTag], Limit = 1 }, Ct))
        {
            streamed.Add(g);
        }

        Assert.True(streamed.Select(g => g.ContainerGroupId).Order(StringComparer.Ordinal).SequenceEqual(ids.Order(StringComparer.Ordinal)),
            $"Expected the paged stream (Limit 1) to yield our 3 groups once each, got {Ids(streamed)}");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DescribeContainerGroupStatus_SinceSecond_OnlyGroupsThatChangedRecently(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        string settled = await CreateAsync(target, ContractRequests.Simple(target, "contract-status-old"));
        await WaitForStatusAsync(target, settled, "Running");
        await target.LetTimePassAsync(TimeSpan.FromSeconds(90), Ct);
        string fresh = await CreateAsync(target, ContractRequests.Simple(target, "contract-status-new"));

        List<ContainerGroupStatus> recent = await StatusesAsync(target, new DescribeContainerGroupStatusRequest { ContainerGroupIds = [settled, fresh], SinceSecond = 60 });
        List<ContainerGroupStatus> both = await StatusesAsync(target, new DescribeContainerGroupStatusRequest { ContainerGroupIds = [settled, fresh] });

        Assert.True(recent.Select(s => s.ContainerGroupId).SequenceEqual([fresh]),
            $"Expected SinceSecond=60 to return only {fresh} (created just now), not {settled} (Running for 90 s), got {string.Join(", ", recent.Select(s => s.ContainerGroupId))}");
        ContainerGroupStatus? old = both.SingleOrDefault(s => s.ContainerGroupId == settled);
        Assert.True(both.Count == 2 && old is { Status: "Running", PodStatus: { Phase: "Running", PodIp.Length: > 0 } },
            $"Expected both groups without SinceSecond and {settled} Running with a pod IP, got {string.Join("; ", both.Select(s => $"{s.ContainerGroupId} {s.Status} {s.PodStatus?.Phase} {s.PodStatus?.PodIp}"))}");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DescribeContainerGroupEvents_RunningGroup_ReportsContainerStart(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        string id = await CreateAsync(target, ContractRequests.Simple(target, "contract-events"));
        await WaitForStatusAsync(target, id, "Running");

        ContainerGroupEvents events = await target.EventuallyAsync($"a Started event for {id}",
            async ct => (await ToListAsync(target.Client.ListContainerGroupEventsAsync(new DescribeContainerGroupEventsRequest { ContainerGroupIds = [id] }, ct))).Single(),
            e => e.Events.Any(x => x.Reason == "Started"), Ct);
        DescribeContainerGroupsResponse withEvents = await target.Client.DescribeContainerGroupsAsync(
            new DescribeContainerGroupsRequest { ContainerGroupIds = [id], WithEvent = true }, Ct);

        EciEvent started = events.Events.First(x => x.Reason == "Started");
        Assert.True(events.ContainerGroupId == id && started is { Count: >= 1, FirstTimestamp: not null, LastTimestamp: not null },
            $"Expected {id}'s Started event with a count and timestamps, got {started}");
        Assert.True(withEvents.ContainerGroups.Single().Events.Count > 0, $"Expected DescribeContainerGroups WithEvent=true to carry {id}'s events, got none");
    }

    private static async Task<List<ContainerGroupStatus>> StatusesAsync(ContractTarget target, DescribeContainerGroupStatusRequest request) =>
        await ToListAsync(target.Client.ListContainerGroupStatusesAsync(request, Ct));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        List<T> list = [];
        await foreach (T item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static string Ids(IEnumerable<ContainerGroup> groups) => "[" + string.Join(", ", groups.Select(g => g.ContainerGroupId)) + "]";
}
