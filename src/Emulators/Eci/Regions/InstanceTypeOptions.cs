namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>An ECS instance type ECI can run a container group on, with its stock per zone.</summary>
public sealed class InstanceTypeOptions
{
    /// <summary>Type name, e.g. <c>ecs.c6.large</c>. Required.</summary>
    public string InstanceType { get; set; } = "";

    /// <summary>vCPUs. Required, positive.</summary>
    public double Cpu { get; set; }

    /// <summary>Memory in GiB. Required, positive.</summary>
    public double Memory { get; set; }

    /// <summary>GPUs. Default 0.</summary>
    public int Gpu { get; set; }

    /// <summary>Instances that can still be placed per zone id; a zone not listed has none (the type is not sold there).</summary>
    public Dictionary<string, int> StockPerZone { get; } = new(StringComparer.Ordinal);

    /// <summary>The family, e.g. <c>ecs.c6</c> for <c>ecs.c6.large</c>.</summary>
    public string Family => InstanceType.LastIndexOf('.') is int dot and > 0 ? InstanceType[..dot] : InstanceType;
}
