using System.Globalization;

using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Zones;

/// <summary>
/// Orders a pod's zones for one create attempt, from what is known of them. A vSwitch is skipped while it is known to
/// be out of addresses (<c>IpNotEnough</c>, or as many groups placed as its CIDR block holds). <c>VSwitchOrdered</c>: the given order,
/// zones known to fail moved behind the rest. <c>VSwitchRandom</c>: a random order weighted by what is known (a
/// recent success doubles a zone's weight, <c>StockExhaust</c> cuts it to 0.3, the share of free addresses scales it,
/// creates in flight from this silo dilute it), zones known to fail last. Specs known to be out in a zone are left out
/// of that zone's call. Pure: knowledge and randomness come in, so it is tested without a cluster.
/// </summary>
internal static class ZoneRanker
{
    public const string Ordered = "VSwitchOrdered";
    public const string Random = "VSwitchRandom";

    /// <summary>The keys the knowledge uses for <paramref name="request"/>'s specs: the instance types, or <c>C-MGi</c>.</summary>
    public static IReadOnlyList<string> SpecKeys(CreateContainerGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InstanceTypes is { Count: > 0 } types)
        {
            return types;
        }

        return request.Cpu is { } cpu && request.Memory is { } memory
            ? [string.Create(CultureInfo.InvariantCulture, $"{cpu:0.###}-{memory:0.###}Gi")]
            : ["default"];
    }

    /// <summary>Every candidate as a choice: the ones worth trying first, in strategy order, then the known-bad ones.</summary>
    /// <param name="candidates">The zones in the order the pod (or its node) lists them.</param>
    /// <param name="request">The mapped request: its instance types (or vCPU/memory) and security group.</param>
    /// <param name="strategy"><see cref="Ordered"/> or <see cref="Random"/>.</param>
    /// <param name="view">What is known of a zone, by key.</param>
    /// <param name="usableAddresses">A vSwitch's usable addresses when its CIDR block is known.</param>
    /// <param name="inFlight">Creates this silo has in flight in a zone, by key.</param>
    /// <param name="random">Randomness for <see cref="Random"/>.</param>
    public static IReadOnlyList<ZoneChoice> Rank(
        IReadOnlyList<ZoneCandidate> candidates,
        CreateContainerGroupRequest request,
        string strategy,
        Func<string, ZoneView> view,
        Func<string, int?> usableAddresses,
        Func<string, int> inFlight,
        System.Random random)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(random);
        IReadOnlyList<string> specs = SpecKeys(request);
        bool byType = request.InstanceTypes is { Count: > 0 };
        var good = new List<(ZoneChoice Choice, double Weight)>();
        var bad = new List<ZoneChoice>();
        foreach (ZoneCandidate c in candidates)
        {
            ZoneView known = view(c.ZoneKey);
            string? why = null;
            List<string> vSwitches = [.. c.VSwitchIds.Where(v => !known.IsVSwitchFull(v) && !(usableAddresses(v) is { } n && known.Placed(v) >= n))];
            List<string> inStock = [.. specs.Where(s => !known.IsSpecOut(s))];
            if (request.SecurityGroupId is { } sg && known.IsSecurityGroupFull(sg))
            {
                why = $"security group {sg} is at its instance quota";
            }
            else if (known.IsClosed)
            {
                why = "the zone is closed for new instances (StockClose)";
            }
            else if (c.VSwitchIds.Count > 0 && vSwitches.Count == 0)
            {
                why = $"vSwitch {string.Join(',', c.VSwitchIds)} has no free address";
            }
            else if (inStock.Count == 0)
            {
                why = $"no stock of {string.Join(',', specs)}";
            }

            if (why is not null)
            {
                bad.Add(new ZoneChoice(c.ZoneKey, c.ZoneId, c.VSwitchIds, byType ? specs : null, specs, KnownBad: true, why));
                continue;
            }

            var choice = new ZoneChoice(c.ZoneKey, c.ZoneId, c.VSwitchIds.Count == 0 ? [] : vSwitches, byType ? inStock : null, inStock, KnownBad: false, null);
            good.Add((choice, Weight(known, choice, usableAddresses, inFlight(c.ZoneKey))));
        }

        IEnumerable<ZoneChoice> first = strategy == Random
            ? good.Select(g => (g.Choice, Key: Math.Pow(random.NextDouble(), 1 / g.Weight))).OrderByDescending(g => g.Key).Select(g => g.Choice)
            : good.Select(g => g.Choice);
        return [.. first, .. bad];
    }

    /// <summary>What one attempt sends: every choice worth trying, or, when all are known to fail, only the first as a probe.</summary>
    public static IReadOnlyList<ZoneChoice> ToTry(IReadOnlyList<ZoneChoice> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        List<ZoneChoice> good = [.. ranked.Where(c => !c.KnownBad)];
        return good.Count > 0 ? good : [.. ranked.Take(1)];
    }

    private static double Weight(ZoneView known, ZoneChoice choice, Func<string, int?> usableAddresses, int inFlight)
    {
        double weight = choice.SpecKeys.Any(known.IsSpecAvailable) ? 2 : 1;
        if (choice.SpecKeys.All(known.IsSpecLow))
        {
            weight *= 0.3;
        }

        int usable = 0;
        int placed = 0;
        foreach (string v in choice.VSwitchIds)
        {
            if (usableAddresses(v) is { } n)
            {
                usable += n;
                placed += known.Placed(v);
            }
        }

        if (usable > 0)
        {
            weight *= Math.Max(0.05, (double)(usable - Math.Min(placed, usable)) / usable);
        }

        return weight / (1 + (inFlight / 16.0));
    }
}
