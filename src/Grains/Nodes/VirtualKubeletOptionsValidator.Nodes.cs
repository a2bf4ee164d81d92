namespace OrleansEci.Grains.Nodes;

public sealed partial class VirtualKubeletOptionsValidator
{
    /// <summary>Labels <see cref="NodeManifest"/> derives from the node itself; configuration must not contradict them.</summary>
    private static readonly HashSet<string> DerivedLabels = new(StringComparer.Ordinal)
    {
        NodeManifest.HostnameLabel,
        NodeManifest.OsLabel,
        NodeManifest.ArchLabel,
        NodeManifest.RegionLabel,
        NodeManifest.ZoneLabel,
        NodeManifest.LegacyRegionLabel,
        NodeManifest.LegacyZoneLabel,
    };

    private static void CheckNodes(List<string> failures, VirtualKubeletOptions options)
    {
        var fromEnvironment = options.Nodes is not { Count: > 0 };
        var nodes = options.EffectiveNodes();
        var firstIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodeByVSwitch = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i] ?? new VirtualNodeOptions();
            var setting = fromEnvironment ? S : $"{S}:Nodes:{i}";
            CheckNodeName(failures, node.Name, fromEnvironment ? $"{S}:NodeName" : $"{setting}:Name", fromEnvironment);
            if (!string.IsNullOrEmpty(node.Name) && !firstIndexByName.TryAdd(node.Name, i))
            {
                failures.Add($"{S}:Nodes lists the node '{node.Name}' twice (entries {firstIndexByName[node.Name]} and {i}). Give each node its own name.");
            }

            CheckVSwitches(failures, options, node, setting, nodeByVSwitch);
            if (!string.IsNullOrWhiteSpace(node.ZoneId) && !node.ZoneId.StartsWith(options.RegionId + "-", StringComparison.Ordinal))
            {
                failures.Add($"{setting}:ZoneId '{node.ZoneId}' is not a zone of the region '{options.RegionId}'. Use one like {options.RegionId}-e, or leave it empty when the node's vSwitches span zones.");
            }

            if (node.Taint is not null)
            {
                CheckTaint(failures, $"{setting}:Taint", node.Taint, environment: false);
            }

            if (node.Capacity is { } capacity)
            {
                CheckOptionalQuantity(failures, $"{setting}:Capacity:Cpu", capacity.Cpu, "1000000");
                CheckOptionalQuantity(failures, $"{setting}:Capacity:Memory", capacity.Memory, "6400Ti");
                CheckOptionalQuantity(failures, $"{setting}:Capacity:Pods", capacity.Pods, "10000", wholeNumber: true);
                CheckOptionalQuantity(failures, $"{setting}:Capacity:EphemeralStorage", capacity.EphemeralStorage, "60000Gi");
            }

            CheckLabels(failures, $"{setting}:Labels", node.Labels);
        }
    }

    private static void CheckNodeName(List<string> failures, string? name, string setting, bool fromEnvironment)
    {
        var fix = fromEnvironment
            ? $"Set {VirtualKubeletOptions.NodeNameEnvironmentVariable} to e.g. virtual-kubelet."
            : "Use e.g. virtual-kubelet-cn-beijing-e.";
        if (string.IsNullOrEmpty(name))
        {
            failures.Add($"{setting} is empty. {fix}");
        }
        else if (KubernetesNames.CheckSubdomain(name) is { } problem)
        {
            failures.Add($"{setting} '{name}' {problem}. {fix}");
        }
        else if (name.Length > MaxHostnameLabelLength)
        {
            failures.Add($"{setting} '{name}' is longer than {MaxHostnameLabelLength} characters, the limit of its kubernetes.io/hostname label. {fix}");
        }
    }

    private static void CheckVSwitches(List<string> failures, VirtualKubeletOptions options, VirtualNodeOptions node, string setting, Dictionary<string, string> nodeByVSwitch)
    {
        var own = node.VSwitchIds is { Count: > 0 };
        var vSwitches = own ? node.VSwitchIds : options.VSwitchIds ?? [];
        var source = own ? $"{setting}:VSwitchIds" : $"{S}:VSwitchIds ({VirtualKubeletOptions.VSwitchEnvironmentVariable})";
        if (vSwitches.Count == 0)
        {
            failures.Add(options.Nodes is not { Count: > 0 }
                ? $"{S}:VSwitchIds is empty. Set {VirtualKubeletOptions.VSwitchEnvironmentVariable} to the pods' vSwitches (e.g. vsw-a,vsw-b)."
                : $"{setting} ('{node.Name}') has no vSwitch. List its VSwitchIds, or set {VirtualKubeletOptions.VSwitchEnvironmentVariable} for nodes that list none.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vSwitch in vSwitches)
        {
            if (string.IsNullOrWhiteSpace(vSwitch) || !vSwitch.StartsWith("vsw-", StringComparison.Ordinal))
            {
                failures.Add($"{source} has '{vSwitch}', which is not a vSwitch id. Use ids like vsw-2ze0abc.");
            }
            else if (!seen.Add(vSwitch))
            {
                failures.Add($"{source} lists '{vSwitch}' twice. List each vSwitch once, in the order pods should try them.");
            }
            else if (nodeByVSwitch.TryGetValue(vSwitch, out var other) && other != node.Name)
            {
                failures.Add($"The vSwitch '{vSwitch}' belongs to both node '{other}' and node '{node.Name}' (a node without VSwitchIds uses {VirtualKubeletOptions.VSwitchEnvironmentVariable}). Give each vSwitch to one node, so each node's pods land in its own zone.");
            }
            else
            {
                nodeByVSwitch[vSwitch] = node.Name;
            }
        }
    }

    private static void CheckOptionalQuantity(List<string> failures, string setting, string? value, string example, bool wholeNumber = false)
    {
        if (value is not null)
        {
            CheckQuantity(failures, setting, setting, value, example, wholeNumber);
        }
    }

    private static void CheckLabels(List<string> failures, string setting, IDictionary<string, string>? labels)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (KubernetesNames.CheckQualifiedName(key) is { } keyProblem)
            {
                failures.Add($"{setting}: the key '{key}' {keyProblem}. Use e.g. example.com/team.");
            }
            else if (DerivedLabels.Contains(key))
            {
                failures.Add($"{setting}: '{key}' is set from the node itself (its name, region, zone, OS or architecture). Remove it from the labels.");
            }

            if (KubernetesNames.CheckLabelValue(value ?? "") is { } valueProblem)
            {
                failures.Add($"{setting}:{key} = '{value}' {valueProblem}.");
            }
        }
    }
}
