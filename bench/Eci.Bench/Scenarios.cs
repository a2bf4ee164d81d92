using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Eci.Bench;

/// <summary>The measured scenarios: creating groups, and describing them by id and by tag (the poller's query).</summary>
internal static class Scenarios
{
    public static IReadOnlyList<Scenario> All(BenchOptions options) =>
    [
        new("CreateContainerGroup", static (_, _) => Task.CompletedTask,
            static (s, worker, call, ct) => s.Client.CreateContainerGroupAsync(BenchService.CreateRequest(worker, call), ct)),
        new($"DescribeContainerGroups, 1 id of {options.Groups}", (s, ct) => s.CreateGroupsAsync(options.Groups, ct),
            static (s, worker, call, ct) => s.Client.DescribeContainerGroupsAsync(
                new DescribeContainerGroupsRequest { ContainerGroupIds = [s.GroupIds[(int)(((worker * 7919L) + call) % s.GroupIds.Count)]] }, ct)),
        new($"DescribeContainerGroups, page of 20 by tag of {options.Groups}", (s, ct) => s.CreateGroupsAsync(options.Groups, ct),
            static (s, _, _, ct) => s.Client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { Tags = [BenchService.BenchTag], Limit = 20 }, ct)),
    ];
}
