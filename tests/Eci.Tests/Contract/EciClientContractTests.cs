using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;

namespace OrleansEci.Eci.Tests.Contract;

/// <summary>
/// The ECI client's contract: one suite, run against the local ECI service and, when ECI_ACCESS_KEY,
/// ECI_SECRET_KEY and ECI_REGION are set, against real ECI (see <see cref="RealEciTarget"/>; otherwise those
/// cases are skipped, saying so). The same assertions hold on both, so a green emulator run means something
/// about production. Every group a test creates carries the run's tag and is deleted when the test ends.
/// </summary>
public sealed partial class EciClientContractTests
{
    private static readonly string[] KnownStatuses =
        ["Scheduling", "ScheduleFailed", "Pending", "Running", "Succeeded", "Failed", "Restarting", "Updating", "Terminating", "Expired"];

    public static TheoryData<string> Targets => new(EmulatorTarget.TargetName, RealEciTarget.TargetName);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task CreateContainerGroup_MaximalValidRequest_DescribedAsSentAndRuns(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        CreateContainerGroupRequest request = ContractRequests.Maximal(target, "contract-maximal", target.RunTag.Value + "-maximal");

        string id = await CreateAsync(target, request);

        ContainerGroup described = await DescribeAsync(target, id) ?? throw new InvalidOperationException($"Expected {id} to be described right after its create.");
        ContractAssert.DescribedAsSent(request, described, target);
        ContainerGroup running = await WaitForStatusAsync(target, id, "Running");
        ContainerInfo init = Assert.Single(running.InitContainers);
        Assert.True(init.CurrentState is { State: "Terminated", ExitCode: 0 }, $"Expected init container 'init' of {id} Terminated with 0 once the group runs, got {init.CurrentState}");
        ContainerInfo app = Assert.Single(running.Containers);
        Assert.True(app.CurrentState?.State == "Running", $"Expected container 'app' of {id} Running, got {app.CurrentState}");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task CreateContainerGroup_SameClientTokenTwice_OneGroup(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        CreateContainerGroupRequest request = ContractRequests.Simple(target, "contract-idempotent") with { ClientToken = target.RunTag.Value + "-idempotent" };

        string first = await CreateAsync(target, request);
        string second = await CreateAsync(target, request);

        Assert.True(first == second, $"Expected the same ClientToken to answer the same group twice, got {first} then {second}");
        string[] tagged = await IdsWithTagAsync(target);
        Assert.True(tagged.SequenceEqual([first]), $"Expected exactly one group tagged {target.RunTag.Value} ({first}), found [{string.Join(", ", tagged)}]");
        EciException mismatch = await Assert.ThrowsAsync<EciException>(() => target.Client.CreateContainerGroupAsync(request with { ContainerGroupName = "contract-idempotent-other" }, Ct));
        Assert.True(mismatch is { Category: EciErrorCategory.IdempotencyMismatch, Code: "IdempotentParameterMismatch" },
            $"Expected the same token with another name to fail with IdempotentParameterMismatch, got {mismatch.Category} {mismatch.Code}: {mismatch.Message}");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DryRunCreateContainerGroup_ValidAndInvalid_ChecksWithoutCreating(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);

        EciDryRunResult passed = await target.Client.DryRunCreateContainerGroupAsync(ContractRequests.Simple(target, "contract-dry-run"), Ct);
        EciException refused = await Assert.ThrowsAsync<EciException>(
            () => target.Client.DryRunCreateContainerGroupAsync(ContractRequests.Simple(target, "Contract_Dry_Run"), Ct));

        Assert.True(passed.Code == "DryRunOperation" && !string.IsNullOrEmpty(passed.RequestId), $"Expected a passed dry run to answer DryRunOperation with a RequestId, got {passed}");
        Assert.True(refused.Category == EciErrorCategory.InvalidRequest, $"Expected a dry run with an invalid name to fail as InvalidRequest, got {refused.Category} {refused.Code}");
        string[] tagged = await IdsWithTagAsync(target);
        Assert.True(tagged.Length == 0, $"Expected dry runs to create nothing, found [{string.Join(", ", tagged)}]");
    }

    /// <summary>Creates, tracks for cleanup and returns the id.</summary>
    private static async Task<string> CreateAsync(ContractTarget target, CreateContainerGroupRequest request)
    {
        CreateContainerGroupResponse created = await target.Client.CreateContainerGroupAsync(request, Ct);
        Assert.True(created.ContainerGroupId?.StartsWith("eci-", StringComparison.Ordinal) == true && !string.IsNullOrEmpty(created.RequestId),
            $"Expected create of {request.ContainerGroupName} to answer an eci-… id and a RequestId, got {created}");
        return target.Track(created.ContainerGroupId!);
    }

    private static async Task<ContainerGroup?> DescribeAsync(ContractTarget target, string id)
    {
        DescribeContainerGroupsResponse page = await target.Client.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest { ContainerGroupIds = [id] }, Ct);
        Assert.True(page.ContainerGroups.All(g => g.ContainerGroupId == id), $"Expected describe by id {id} to return only that group, got {string.Join(", ", page.ContainerGroups.Select(g => g.ContainerGroupId))}");
        return page.ContainerGroups.SingleOrDefault();
    }

    private static async Task<ContainerGroup> WaitForStatusAsync(ContractTarget target, string id, string status)
    {
        ContainerGroup? group = await target.EventuallyAsync($"group {id} to be {status}", _ => DescribeAsync(target, id), g => g?.Status == status, Ct);
        Assert.True(KnownStatuses.Contains(group!.Status), $"Expected a documented status, got {group.Status}");
        return group;
    }

    private static async Task<string[]> IdsWithTagAsync(ContractTarget target, params Tag[] more)
    {
        List<string> ids = [];
        await foreach (ContainerGroup g in target.Client.ListContainerGroupsAsync(new DescribeContainerGroupsRequest { Tags = [target.RunTag, .. more] }, Ct))
        {
            ids.Add(g.ContainerGroupId!);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
