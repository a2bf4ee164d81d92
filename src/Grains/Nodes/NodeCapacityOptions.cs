namespace OrleansEci.Grains.Nodes;

/// <summary>
/// A virtual node's advertised capacity as Kubernetes quantities (<c>1000000</c>, <c>6400Ti</c>, <c>10000</c>).
/// In <see cref="VirtualNodeOptions.Capacity"/> every property is optional and falls back to the
/// <c>ECI_QUOTA_*</c> value of <see cref="VirtualKubeletOptions"/>.
/// </summary>
public sealed class NodeCapacityOptions
{
    /// <summary>vCPUs the node accepts (<c>cpu</c>). Null: the global <see cref="VirtualKubeletOptions.QuotaCpu"/>.</summary>
    public string? Cpu { get; set; }

    /// <summary>Memory the node accepts (<c>memory</c>). Null: the global <see cref="VirtualKubeletOptions.QuotaMemory"/>.</summary>
    public string? Memory { get; set; }

    /// <summary>Pods the node accepts (<c>pods</c>, a whole number). Null: the global <see cref="VirtualKubeletOptions.QuotaPods"/>.</summary>
    public string? Pods { get; set; }

    /// <summary>Temporary storage the node accepts (<c>ephemeral-storage</c>). Null: the global <see cref="VirtualKubeletOptions.QuotaEphemeralStorage"/>.</summary>
    public string? EphemeralStorage { get; set; }
}
