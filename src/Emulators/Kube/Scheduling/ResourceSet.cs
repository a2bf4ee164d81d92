using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>
/// An amount of node resources, as the scheduler's framework.Resource keeps it: milli-CPU, bytes of memory and
/// ephemeral storage, allowed pods, and every other (extended, hugepages) resource as an integer.
/// </summary>
internal sealed class ResourceSet
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string EphemeralStorage = "ephemeral-storage";
    public const string Pods = "pods";

    public long MilliCpu { get; set; }

    public long MemoryBytes { get; set; }

    public long EphemeralStorageBytes { get; set; }

    public long AllowedPods { get; set; }

    public Dictionary<string, long> Scalars { get; } = new(StringComparer.Ordinal);

    public bool IsZero => MilliCpu == 0 && MemoryBytes == 0 && EphemeralStorageBytes == 0 && Scalars.Values.All(v => v == 0);

    /// <summary>Reads a ResourceList (requests, limits, allocatable); quantities round up as Quantity.Value/MilliValue do.</summary>
    public static ResourceSet From(IDictionary<string, ResourceQuantity>? list)
    {
        var set = new ResourceSet();
        foreach (var (name, quantity) in list ?? new Dictionary<string, ResourceQuantity>())
        {
            set.Add(name, quantity);
        }

        return set;
    }

    public void Add(string name, ResourceQuantity? quantity)
    {
        if (quantity is null)
        {
            return;
        }

        var value = quantity.ToDecimal();
        switch (name)
        {
            case Cpu:
                MilliCpu += Ceiling(value * 1000);
                break;
            case Memory:
                MemoryBytes += Ceiling(value);
                break;
            case EphemeralStorage:
                EphemeralStorageBytes += Ceiling(value);
                break;
            case Pods:
                AllowedPods += Ceiling(value);
                break;
            default:
                Scalars[name] = Scalars.GetValueOrDefault(name) + Ceiling(value);
                break;
        }
    }

    public void Add(ResourceSet other, int sign = 1)
    {
        MilliCpu += sign * other.MilliCpu;
        MemoryBytes += sign * other.MemoryBytes;
        EphemeralStorageBytes += sign * other.EphemeralStorageBytes;
        AllowedPods += sign * other.AllowedPods;
        foreach (var (name, value) in other.Scalars)
        {
            Scalars[name] = Scalars.GetValueOrDefault(name) + (sign * value);
        }
    }

    /// <summary>Raises every resource to at least <paramref name="other"/>'s amount.</summary>
    public void Max(ResourceSet other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        MemoryBytes = Math.Max(MemoryBytes, other.MemoryBytes);
        EphemeralStorageBytes = Math.Max(EphemeralStorageBytes, other.EphemeralStorageBytes);
        foreach (var (name, value) in other.Scalars)
        {
            Scalars[name] = Math.Max(Scalars.GetValueOrDefault(name), value);
        }
    }

    public ResourceSet Clone()
    {
        var copy = new ResourceSet();
        copy.Add(this);
        return copy;
    }

    private static long Ceiling(decimal value) => value >= long.MaxValue ? long.MaxValue : (long)decimal.Ceiling(value);
}
