using System.Collections.Concurrent;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;

namespace OrleansEci.Eci.Tests.Contract;

/// <summary>
/// Where <see cref="EciClientContractTests"/> runs: the local ECI service (<see cref="EmulatorTarget"/>) or
/// real ECI (<see cref="RealEciTarget"/>). A target gives the client, the network and image to create with,
/// a way to wait for ECI to get somewhere, and cleans up: every group a test creates carries
/// <see cref="RunTag"/> and is deleted when the target is disposed.
/// </summary>
internal abstract class ContractTarget : IAsyncDisposable
{
    /// <summary>The tag key that marks every group the suite creates.</summary>
    public const string RunTagKey = "orleans-eci-contract";

    private readonly ConcurrentDictionary<string, byte> _created = new(StringComparer.Ordinal);

    /// <summary>The target's name as the theory data spells it.</summary>
    public abstract string Name { get; }

    /// <summary>The client under test.</summary>
    public abstract IEciClient Client { get; }

    /// <summary>The region the client talks to.</summary>
    public abstract string RegionId { get; }

    /// <summary>The vSwitches to create in (empty lets ECI use the region's default vSwitch).</summary>
    public abstract IReadOnlyList<string> VSwitchIds { get; }

    /// <summary>The security group to create in (null lets ECI use the region's default).</summary>
    public abstract string? SecurityGroupId { get; }

    /// <summary>A busybox image the target can pull.</summary>
    public abstract string Image { get; }

    /// <summary>A tag unique to this test run; cleanup finds leftovers by it.</summary>
    public Tag RunTag { get; } = new(RunTagKey, "run-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Starts the named target, or skips the test when it is not available here.</summary>
    public static async Task<ContractTarget> StartAsync(string name, CancellationToken cancellationToken) => name switch
    {
        EmulatorTarget.TargetName => await EmulatorTarget.StartAsync(cancellationToken),
        RealEciTarget.TargetName => RealEciTarget.FromEnvironment(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown contract target."),
    };

    /// <summary>Remembers a group for deletion at the end of the test.</summary>
    public string Track(string containerGroupId)
    {
        _created.TryAdd(containerGroupId, 0);
        return containerGroupId;
    }

    /// <summary>
    /// Reads until <paramref name="done"/> holds and returns that reading; fails, quoting the last reading, when
    /// the target's patience runs out (emulator: minutes of its fake clock; real ECI: minutes of real time).
    /// </summary>
    public abstract Task<T> EventuallyAsync<T>(string what, Func<CancellationToken, Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken);

    /// <summary>Lets the target's time run on by about <paramref name="duration"/> (fake time on the emulator).</summary>
    public abstract Task LetTimePassAsync(TimeSpan duration, CancellationToken cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CleanUpAsync();
        }
        finally
        {
            await DisposeCoreAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the target's own resources after cleanup.</summary>
    protected abstract ValueTask DisposeCoreAsync();

    /// <summary>Deletes every tracked group and every group still carrying this run's tag (a lost answer can leave one).</summary>
    private async Task CleanUpAsync()
    {
        using CancellationTokenSource limit = new(TimeSpan.FromMinutes(2));
        HashSet<string> ids = [.. _created.Keys];
        await foreach (ContainerGroup group in Client.ListContainerGroupsAsync(new DescribeContainerGroupsRequest { Tags = [RunTag] }, limit.Token))
        {
            ids.Add(group.ContainerGroupId!);
        }

        List<string> failures = [];
        foreach (string id in ids)
        {
            try
            {
                await Client.DeleteContainerGroupAsync(new DeleteContainerGroupRequest { ContainerGroupId = id, Force = true }, limit.Token);
            }
            catch (EciException e) when (e.Category == EciErrorCategory.NotFound)
            {
                // Already gone (the test deleted it).
            }
            catch (EciException e)
            {
                failures.Add($"{id}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"Expected every group of {RunTag.Value} on {Name} to be deleted; these were not: {string.Join("; ", failures)}");
    }
}
