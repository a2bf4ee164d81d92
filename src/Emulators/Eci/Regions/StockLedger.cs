using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>
/// Remaining stock per (zone, spec). Instance types start from their configured per-zone stock; vCPU/memory specs
/// start at <see cref="RegionOptions.SpecStockPerZone"/>, or at the zone's own figure once <see cref="SetAll"/> gave it
/// one. Reservations are lock-free (compare-and-swap).
/// </summary>
internal sealed class StockLedger
{
    private readonly ConcurrentDictionary<(string Zone, string Spec), StrongBox<int>> _cells = new();
    private readonly ConcurrentDictionary<string, int> _zoneSpecDefaults = new(StringComparer.Ordinal);
    private readonly int _specDefault;

    public StockLedger(RegionOptions region)
    {
        _specDefault = region.SpecStockPerZone;
        foreach (InstanceTypeOptions t in region.InstanceTypes)
        {
            foreach (ZoneOptions z in region.Zones)
            {
                _cells[(z.ZoneId, t.InstanceType)] = new StrongBox<int>(t.StockPerZone.GetValueOrDefault(z.ZoneId));
            }
        }
    }

    public int Remaining(string zone, Spec spec) => Cell(zone, spec).Value;

    /// <summary>Takes one unit; returns the stock left after it, or -1 when there was none.</summary>
    public int TryTake(string zone, Spec spec)
    {
        StrongBox<int> cell = Cell(zone, spec);
        while (true)
        {
            int current = Volatile.Read(ref cell.Value);
            if (current <= 0)
            {
                return -1;
            }

            if (Interlocked.CompareExchange(ref cell.Value, current - 1, current) == current)
            {
                return current - 1;
            }
        }
    }

    public void Return(string zone, Spec spec) => Interlocked.Increment(ref Cell(zone, spec).Value);

    public void Set(string zone, string specKey, int stock) =>
        Volatile.Write(ref _cells.GetOrAdd((zone, specKey), _ => new StrongBox<int>(0)).Value, stock);

    /// <summary>Sets every spec's stock in <paramref name="zone"/>, including vCPU/memory specs not asked for yet: a sold-out zone.</summary>
    public void SetAll(string zone, int stock)
    {
        _zoneSpecDefaults[zone] = stock;
        foreach (var cell in _cells.Where(c => c.Key.Zone == zone))
        {
            Volatile.Write(ref cell.Value.Value, stock);
        }
    }

    private StrongBox<int> Cell(string zone, Spec spec) =>
        _cells.GetOrAdd((zone, spec.Key), static (_, d) => new StrongBox<int>(d), spec.IsInstanceType ? 0 : _zoneSpecDefaults.GetValueOrDefault(zone, _specDefault));
}
