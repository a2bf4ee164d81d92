using System.Globalization;

using k8s.Models;

namespace OrleansEci.Grains.Nodes;

/// <summary>
/// A virtual node's capacity (the configured <c>ECI_QUOTA_*</c> values) and allocatable (the same, except CPU when the
/// account's vCPU quota is nearly used, see <see cref="ShrinkToAccount"/>). Immutable; equal values compare equal, so
/// "did the capacity change" is <c>==</c>.
/// </summary>
/// <param name="Cpu">vCPUs the node accepts.</param>
/// <param name="Memory">Memory the node accepts.</param>
/// <param name="Pods">Pods the node accepts.</param>
/// <param name="EphemeralStorage">Temporary storage the node accepts.</param>
public sealed record NodeCapacity(ResourceQuantity Cpu, ResourceQuantity Memory, ResourceQuantity Pods, ResourceQuantity EphemeralStorage)
{
    /// <summary>The <c>cpu</c> resource name.</summary>
    public const string CpuResource = "cpu";

    /// <summary>The <c>memory</c> resource name.</summary>
    public const string MemoryResource = "memory";

    /// <summary>The <c>pods</c> resource name.</summary>
    public const string PodsResource = "pods";

    /// <summary>The <c>ephemeral-storage</c> resource name.</summary>
    public const string EphemeralStorageResource = "ephemeral-storage";

    /// <summary>The CPU the scheduler may still place here: <see cref="Cpu"/>, or less when <see cref="ShrinkToAccount"/> shrank it.</summary>
    public ResourceQuantity AllocatableCpu { get; init; } = Cpu;

    /// <summary>Why <see cref="AllocatableCpu"/> is below <see cref="Cpu"/>, for logs and events; null when it is not.</summary>
    public string? ShrinkReason { get; init; }

    /// <summary>Reads the quota quantities. For validated options only: an invalid quantity throws <see cref="FormatException"/>.</summary>
    public static NodeCapacity FromQuota(string cpu, string memory, string pods, string ephemeralStorage) =>
        new(new ResourceQuantity(cpu), new ResourceQuantity(memory), new ResourceQuantity(pods), new ResourceQuantity(ephemeralStorage));

    /// <summary>
    /// Follows the account's real vCPU quota instead of advertising a fixed number forever (every other virtual kubelet
    /// does; virtual-kubelet-landscape.md §5 gap 11). The rule:
    /// <list type="number">
    /// <item>While less than <paramref name="threshold"/> of the account's quota is used (or the quota is unknown), allocatable CPU
    /// is the configured capacity: nothing changes, so pods coming and going cause no Node writes.</item>
    /// <item>From then on, allocatable CPU is what this node's pods already request plus the account's free vCPUs (the
    /// scheduler subtracts the node's own requests from allocatable, so the node can still take exactly the free vCPUs),
    /// rounded down to a millicore.</item>
    /// <item>It never goes below zero nor above the configured capacity.</item>
    /// </list>
    /// Every node of the account sees the same free vCPUs, so together they may still promise more than is free;
    /// ECI's quota error on create remains the final word, and the pod grain reports it. Memory, pods and storage
    /// have no account quota and never shrink.
    /// </summary>
    /// <param name="account">The account's quota, or null when unknown.</param>
    /// <param name="cpuRequestedOnNode">CPU requested by the pods bound to this node, in vCPUs; at least zero.</param>
    /// <param name="threshold">The used fraction of the quota from which to shrink, 0 to 1 (<see cref="VirtualKubeletOptions.AccountQuotaShrinkThreshold"/>).</param>
    /// <returns>This capacity with <see cref="AllocatableCpu"/> and <see cref="ShrinkReason"/> recomputed from <see cref="Cpu"/>.</returns>
    public NodeCapacity ShrinkToAccount(EciAccountQuota? account, decimal cpuRequestedOnNode, double threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpuRequestedOnNode);
        if (threshold is < 0 or > 1 || double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is a fraction from 0 to 1.");
        }

        var unchanged = this with { AllocatableCpu = Cpu, ShrinkReason = null };
        if (account is null)
        {
            return unchanged;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(account.TotalVCpus, nameof(account));
        ArgumentOutOfRangeException.ThrowIfNegative(account.UsedVCpus, nameof(account));
        if (account.UsedVCpus < (decimal)threshold * account.TotalVCpus)
        {
            return unchanged;
        }

        var capacity = Cpu.ToDecimal();
        var allowed = Math.Floor((cpuRequestedOnNode + account.FreeVCpus) * 1000m) / 1000m;
        var allocatable = Math.Clamp(allowed, 0m, capacity);
        if (allocatable == capacity)
        {
            return unchanged;
        }

        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"The account's vCPU quota is nearly used ({account.UsedVCpus} of {account.TotalVCpus}); allocatable cpu is this node's {cpuRequestedOnNode} requested plus {account.FreeVCpus} free.");
        return unchanged with { AllocatableCpu = CpuQuantity(allocatable), ShrinkReason = reason };
    }

    /// <summary>A new <c>status.capacity</c> map.</summary>
    public Dictionary<string, ResourceQuantity> ToCapacity() => Map(Cpu);

    /// <summary>A new <c>status.allocatable</c> map.</summary>
    public Dictionary<string, ResourceQuantity> ToAllocatable() => Map(AllocatableCpu);

    private Dictionary<string, ResourceQuantity> Map(ResourceQuantity cpu) => new(StringComparer.Ordinal)
    {
        [CpuResource] = new ResourceQuantity(cpu.ToString()),
        [MemoryResource] = new ResourceQuantity(Memory.ToString()),
        [PodsResource] = new ResourceQuantity(Pods.ToString()),
        [EphemeralStorageResource] = new ResourceQuantity(EphemeralStorage.ToString()),
    };

    private static ResourceQuantity CpuQuantity(decimal vCpus) => decimal.Truncate(vCpus) == vCpus
        ? new ResourceQuantity(vCpus.ToString("0", CultureInfo.InvariantCulture))
        : new ResourceQuantity((vCpus * 1000m).ToString("0", CultureInfo.InvariantCulture) + "m");
}
