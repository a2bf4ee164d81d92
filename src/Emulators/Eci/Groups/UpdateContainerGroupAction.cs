using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// UpdateContainerGroup (reference §3.5). <c>RenewUpdate</c> (default) replaces the container list, volumes and tags
/// when they are sent; <c>IncrementalUpdate</c> replaces only the containers named. RestartPolicy, Cpu and Memory are
/// recorded; the group keeps its placement (the emulator does not re-place on a resize).
/// </summary>
internal sealed class UpdateContainerGroupAction : IEciAction
{
    public string Name => "UpdateContainerGroup";

    public object Execute(ActionCall call)
    {
        return call.State.ClientTokens.Once(call, Name, () => Run(call));
    }

    private static object Run(ActionCall call)
    {
        RpcParameters p = call.Parameters;
        string type = p.Optional("UpdateType") ?? "RenewUpdate";
        if (type is not ("RenewUpdate" or "IncrementalUpdate"))
        {
            throw EciErrors.InvalidParameter("UpdateType", "Use RenewUpdate or IncrementalUpdate.");
        }

        ContainerGroup g = GroupActions.Require(call);
        lock (g.Gate)
        {
            GroupSpec current = g.Spec;
            IReadOnlyList<VolumeSpec> volumes = p.Items("Volume").Count > 0 ? VolumeSpecParser.ParseAll(p) : current.Volumes;
            HashSet<string> names = [.. volumes.Select(v => v.Name)];
            IReadOnlyList<ContainerSpec> containers = Merge(current.Containers, ContainerSpecParser.ParseAll(p, "Container", names), type);
            IReadOnlyList<ContainerSpec> inits = Merge(current.InitContainers, ContainerSpecParser.ParseAll(p, "InitContainer", names), type);
            GroupSpec next = current with
            {
                RestartPolicy = p.Optional("RestartPolicy") ?? current.RestartPolicy,
                Cpu = p.Double("Cpu", 0.25, 64) ?? current.Cpu,
                Memory = p.Double("Memory", 0.5, 512) ?? current.Memory,
                Tags = p.Items("Tag").Count > 0 ? GroupSpecParser.Tags(p) : current.Tags,
                Volumes = volumes,
                Containers = containers,
                InitContainers = inits,
            };
            if (next.RestartPolicy is not ("Always" or "OnFailure" or "Never"))
            {
                throw EciErrors.InvalidParameter("RestartPolicy", "Use Always, OnFailure or Never.");
            }

            g.Update(next, call.Now, call.State.Context);
        }

        return new { call.RequestId };
    }

    private static IReadOnlyList<ContainerSpec> Merge(IReadOnlyList<ContainerSpec> current, IReadOnlyList<ContainerSpec> sent, string type)
    {
        if (sent.Count == 0)
        {
            return current;
        }

        if (type == "RenewUpdate")
        {
            return sent;
        }

        Dictionary<string, ContainerSpec> byName = sent.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return [.. current.Select(c => byName.GetValueOrDefault(c.Name) ?? c), .. sent.Where(c => current.All(x => x.Name != c.Name))];
    }
}
