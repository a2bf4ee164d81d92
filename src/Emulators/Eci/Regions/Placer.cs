using System.Globalization;

using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>
/// Chooses zone, vSwitch, spec and IP for a create. vSwitches are tried in the given order (<c>VSwitchOrdered</c>) or
/// shuffled (<c>VSwitchRandom</c>); within each vSwitch the specs are tried in the given order. Candidates skipped
/// for lack of stock become <c>NoStock</c> warnings on the group; when none is left, <c>OperationDenied.NoStock</c>.
/// </summary>
internal sealed class Placer(RegionState region, Random random)
{
    public (Placement Placement, List<(string Type, string Reason, string Message)> Events) Place(GroupSpec spec)
    {
        List<VSwitchOptions> vswitches = VSwitchesFor(spec);
        List<Spec> specs = SpecsFor(spec);
        string sg = spec.SecurityGroupId ?? region.Options.SecurityGroups[0].SecurityGroupId;
        if (!region.HasSecurityGroup(sg))
        {
            throw EciErrors.SecurityGroupNotFound(sg);
        }

        List<(string, string, string)> events = [];
        bool anyStock = false;
        foreach (VSwitchOptions v in vswitches)
        {
            if (!region.IsZoneAvailable(v.ZoneId))
            {
                events.Add(("Warning", "StockClose", $"The zone {v.ZoneId} is closed for new instances, trying the next vSwitch."));
                continue;
            }

            foreach (Spec s in specs)
            {
                if (spec.SpotStrategy == "SpotWithPriceLimit" && region.SpotPrice(s) > spec.SpotPriceLimit)
                {
                    events.Add(("Warning", "NoStock", Invariant($"No spot stock of {s.Key} in {v.ZoneId} at price limit {spec.SpotPriceLimit} (market {region.SpotPrice(s)}).")));
                    continue;
                }

                int left = region.Stock.TryTake(v.ZoneId, s);
                if (left < 0)
                {
                    events.Add(("Warning", "NoStock", $"The specified instance spec {s.Key} is out of stock in zone {v.ZoneId}, trying the next candidate."));
                    continue;
                }

                anyStock = true;
                string? ip = region.Pools[v.VSwitchId].TryAllocate();
                if (ip is null)
                {
                    region.Stock.Return(v.ZoneId, s);
                    events.Add(("Warning", "ResourceInsufficient", $"The maximum number of IP address in the VSwitch {v.VSwitchId} is exceeded."));
                    break;
                }

                if (left <= region.Options.LowStockThreshold)
                {
                    events.Add(("Warning", "StockExhaust", $"The stock of {s.Key} in zone {v.ZoneId} is about to run out ({left} left)."));
                }

                string? matched = s.IsInstanceType ? s.Key : MatchType(s);
                if (specs.Count > 1 || !s.IsInstanceType)
                {
                    events.Add(("Normal", "AutoInstanceTypeMatch", $"The best matched instanceType for current eci instance is {matched ?? s.Key}"));
                }

                return (Reserve(new Placement(v.ZoneId, v.VSwitchId, sg, s, ip, matched)), events);
            }
        }

        throw anyStock ? EciErrors.VSwitchIpNotEnough(string.Join(',', vswitches.Select(v => v.VSwitchId))) : EciErrors.NoStock();
    }

    private Placement Reserve(Placement p)
    {
        if (!region.TryJoinSecurityGroup(p.SecurityGroupId))
        {
            region.Stock.Return(p.ZoneId, p.Spec);
            region.ReleaseIp(p);
            throw EciErrors.SecurityGroupLimit(p.SecurityGroupId);
        }

        if (!region.TryReserveCpu(p.Spec.Cpu))
        {
            region.Stock.Return(p.ZoneId, p.Spec);
            region.ReleaseIp(p);
            region.LeaveSecurityGroup(p.SecurityGroupId);
            throw EciErrors.CpuQuotaExceeded(region.UsedCpu, region.Options.VcpuQuota, p.Spec.Cpu);
        }

        return p;
    }

    private List<VSwitchOptions> VSwitchesFor(GroupSpec spec)
    {
        List<VSwitchOptions> list = [];
        if (spec.VSwitchIds.Count == 0)
        {
            list.AddRange(region.Options.VSwitches.Where(v => spec.ZoneId is null || v.ZoneId == spec.ZoneId));
        }

        foreach (string id in spec.VSwitchIds)
        {
            VSwitchOptions v = region.VSwitches.GetValueOrDefault(id) ?? throw EciErrors.VSwitchNotFound(id);
            if (spec.ZoneId is not null && v.ZoneId != spec.ZoneId)
            {
                throw EciErrors.InvalidParameter("ZoneId", $"vSwitch {id} is in zone {v.ZoneId}, not {spec.ZoneId}.");
            }

            list.Add(v);
        }

        if (list.Count == 0)
        {
            throw EciErrors.InvalidParameter("ZoneId", $"No vSwitch in zone {spec.ZoneId}.");
        }

        if (spec.ScheduleStrategy == "VSwitchRandom")
        {
            lock (random)
            {
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
            }
        }

        return list;
    }

    private List<Spec> SpecsFor(GroupSpec spec)
    {
        int gpus = spec.Containers.Sum(c => c.Gpu);
        if (spec.InstanceTypes.Count > 0)
        {
            return [.. spec.InstanceTypes.Select(name => SpecFor(name, gpus))];
        }

        double cpu = spec.Cpu ?? spec.Containers.Sum(c => c.Cpu);
        double memory = spec.Memory ?? spec.Containers.Sum(c => c.Memory);
        (cpu, memory) = cpu == 0 && memory == 0 ? (2, 4) : (Math.Max(cpu, 0.25), Math.Max(memory, 0.5));
        Spec rounded = Spec.RoundUp(cpu, memory)
            ?? throw EciErrors.InvalidParameter("Cpu", Invariant($"No supported spec has {cpu} vCPU and {memory} GiB (at most 64 vCPU, 512 GiB)."));
        return gpus > 0 ? throw EciErrors.InvalidParameter("InstanceType", "GPU containers need a GPU InstanceType.") : [rounded];
    }

    private Spec SpecFor(string name, int gpus)
    {
        if (region.InstanceTypes.TryGetValue(name, out InstanceTypeOptions? t))
        {
            return t.Gpu >= gpus
                ? new Spec(t.InstanceType, t.Cpu, t.Memory, t.Gpu, true)
                : throw EciErrors.InvalidParameter("InstanceType", $"{name} has {t.Gpu} GPUs; the containers need {gpus}.");
        }

        return Spec.TryParseSize(name) is Spec s && gpus == 0
            ? s
            : throw EciErrors.InvalidParameter("InstanceType", $"\"{name}\" is neither a known instance type nor a vCPU-memory spec such as 2-4Gi.");
    }

    private string? MatchType(Spec s) =>
        region.Options.InstanceTypes.FirstOrDefault(t => t.Cpu == s.Cpu && t.Memory == s.Memory && t.Gpu == 0)?.InstanceType;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
