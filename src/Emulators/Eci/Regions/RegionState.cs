using System.Collections.Concurrent;

namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>
/// The live region: free IPs per vSwitch, stock per zone and spec, instances per security group, vCPUs in use,
/// zone availability and spot prices. All counters are per resource (no region-wide lock).
/// </summary>
internal sealed class RegionState
{
    private readonly ConcurrentDictionary<string, StrongCounter> _securityGroups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, decimal> _spotPriceOverrides = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _zoneAvailable = new(StringComparer.Ordinal);
    private long _usedMilliCpu;
    private long _marketChangedTicks;

    public RegionState(RegionOptions options)
    {
        Options = options;
        Pools = options.VSwitches.ToDictionary(v => v.VSwitchId, v => new IpPool(v.CidrBlock), StringComparer.Ordinal);
        VSwitches = options.VSwitches.ToDictionary(v => v.VSwitchId, StringComparer.Ordinal);
        InstanceTypes = options.InstanceTypes.ToDictionary(t => t.InstanceType, StringComparer.Ordinal);
        Stock = new StockLedger(options);
        foreach (SecurityGroupOptions sg in options.SecurityGroups)
        {
            _securityGroups[sg.SecurityGroupId] = new StrongCounter(sg.InstanceQuota);
        }

        foreach (ZoneOptions z in options.Zones)
        {
            _zoneAvailable[z.ZoneId] = z.Available;
        }
    }

    public RegionOptions Options { get; }
    public IReadOnlyDictionary<string, IpPool> Pools { get; }
    public IReadOnlyDictionary<string, VSwitchOptions> VSwitches { get; }
    public IReadOnlyDictionary<string, InstanceTypeOptions> InstanceTypes { get; }
    public StockLedger Stock { get; }

    /// <summary>When spot prices or stock last changed (spot groups decide their fate at the next check after it).</summary>
    public DateTimeOffset MarketChangedAt => new(Interlocked.Read(ref _marketChangedTicks), TimeSpan.Zero);

    public double UsedCpu => Interlocked.Read(ref _usedMilliCpu) / 1000.0;

    public bool IsZoneAvailable(string zone) => _zoneAvailable.GetValueOrDefault(zone);

    public void SetZoneAvailable(string zone, bool available) => _zoneAvailable[zone] = available;

    public bool HasSecurityGroup(string id) => _securityGroups.ContainsKey(id);

    public bool TryReserveCpu(double cpu)
    {
        long milli = (long)Math.Round(cpu * 1000);
        long max = (long)Math.Round(Options.VcpuQuota * 1000);
        while (true)
        {
            long used = Interlocked.Read(ref _usedMilliCpu);
            if (used + milli > max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _usedMilliCpu, used + milli, used) == used)
            {
                return true;
            }
        }
    }

    public void ReleaseCpu(double cpu) => Interlocked.Add(ref _usedMilliCpu, -(long)Math.Round(cpu * 1000));

    public bool TryJoinSecurityGroup(string id) => _securityGroups[id].TryIncrement();

    public void LeaveSecurityGroup(string id) => _securityGroups[id].Decrement();

    public decimal OnDemandPrice(Spec spec) =>
        decimal.Round(((decimal)spec.Cpu * Options.PricePerVcpuHour) + ((decimal)spec.Memory * Options.PricePerGibHour), 4);

    public decimal SpotPrice(Spec spec) =>
        _spotPriceOverrides.TryGetValue(spec.Key, out decimal p) ? p : decimal.Round(OnDemandPrice(spec) * Options.SpotPriceRatio, 4);

    public void SetSpotPrice(string specKey, decimal price, DateTimeOffset at)
    {
        _spotPriceOverrides[specKey] = price;
        Interlocked.Exchange(ref _marketChangedTicks, at.UtcTicks);
    }

    /// <summary>Sets the stock of <paramref name="specKey"/> in <paramref name="zone"/>; <c>*</c> sets every spec there.</summary>
    public void SetStock(string zone, string specKey, int stock, DateTimeOffset at)
    {
        if (specKey == "*")
        {
            Stock.SetAll(zone, stock);
        }
        else
        {
            Stock.Set(zone, specKey, stock);
        }

        Interlocked.Exchange(ref _marketChangedTicks, at.UtcTicks);
    }

    /// <summary>Gives back everything a placement held (stock, vCPUs, security-group slot), but not the IP.</summary>
    public void ReleaseCompute(Placement p)
    {
        Stock.Return(p.ZoneId, p.Spec);
        ReleaseCpu(p.Spec.Cpu);
        LeaveSecurityGroup(p.SecurityGroupId);
    }

    public void ReleaseIp(Placement p) => Pools[p.VSwitchId].Release(p.IntranetIp);

    /// <summary>A counter with a ceiling.</summary>
    private sealed class StrongCounter(int max)
    {
        private int _value;

        public bool TryIncrement()
        {
            while (true)
            {
                int v = Volatile.Read(ref _value);
                if (v >= max)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _value, v + 1, v) == v)
                {
                    return true;
                }
            }
        }

        public void Decrement() => Interlocked.Decrement(ref _value);
    }
}
