using System.Globalization;

namespace OrleansEci.Grains.Nodes;

public sealed partial class VirtualKubeletOptions
{
    /// <summary>
    /// Overrides settings with the vk.yaml environment variables that are set (empty or blank ones are ignored).
    /// A value that cannot be read (<c>KUBELET_PORT=http</c>, <c>WEBHOOK=yes please</c>) leaves the setting as it was
    /// and is reported by <see cref="VirtualKubeletOptionsValidator"/>, with the rest, at start-up.
    /// </summary>
    /// <param name="getVariable">Reads one variable: <see cref="Environment.GetEnvironmentVariable(string)"/>, or a dictionary in tests.</param>
    public VirtualKubeletOptions ApplyEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        EnvironmentErrors.Clear();
        string? Read(string name) => getVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        RegionId = Read(RegionEnvironmentVariable) ?? RegionId;
        ClusterId = Read(ClusterIdEnvironmentVariable) ?? ClusterId;
        VpcId = Read(VpcEnvironmentVariable) ?? VpcId;
        SecurityGroupId = Read(SecurityGroupEnvironmentVariable) ?? SecurityGroupId;
        ClusterType = Read(ClusterTypeEnvironmentVariable) ?? ClusterType;
        PodIp = Read(PodIpEnvironmentVariable) ?? PodIp;
        NodeName = Read(NodeNameEnvironmentVariable) ?? NodeName;
        QuotaCpu = Read(QuotaCpuEnvironmentVariable) ?? QuotaCpu;
        QuotaMemory = Read(QuotaMemoryEnvironmentVariable) ?? QuotaMemory;
        QuotaPods = Read(QuotaPodsEnvironmentVariable) ?? QuotaPods;
        QuotaEphemeralStorage = Read(QuotaEphemeralStorageEnvironmentVariable) ?? QuotaEphemeralStorage;

        if (Read(VSwitchEnvironmentVariable) is { } vSwitches)
        {
            VSwitchIds = [.. vSwitches.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        }

        Taint ??= new NodeTaintOptions();
        Taint.Key = Read(TaintKeyEnvironmentVariable) ?? Taint.Key;
        Taint.Effect = Read(TaintEffectEnvironmentVariable) ?? Taint.Effect;

        // An empty taint value is legal (key:NoSchedule), so a set-but-empty VKUBELET_TAINT_VALUE counts.
        if (getVariable(TaintValueEnvironmentVariable) is { } taintValue)
        {
            Taint.Value = taintValue.Trim();
        }

        if (Read(KubeletPortEnvironmentVariable) is { } port)
        {
            if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                KubeletPort = number;
            }
            else
            {
                EnvironmentErrors.Add($"{KubeletPortEnvironmentVariable}='{port}' is not a port number. Use e.g. 10250.");
            }
        }

        EnableWebhook = ReadBool(Read(WebhookEnvironmentVariable), WebhookEnvironmentVariable) ?? EnableWebhook;
        EnableKubeProxy = ReadBool(Read(KubeProxyEnvironmentVariable), KubeProxyEnvironmentVariable) ?? EnableKubeProxy;
        return this;
    }

    /// <summary>Reads a boolean as Go's strconv.ParseBool does (vk.yaml's readers are Go): 1, t, true, 0, f, false in any case.</summary>
    private bool? ReadBool(string? value, string variable)
    {
        switch (value?.ToUpperInvariant())
        {
            case null:
                return null;
            case "1" or "T" or "TRUE":
                return true;
            case "0" or "F" or "FALSE":
                return false;
            default:
                EnvironmentErrors.Add($"{variable}='{value}' is not a boolean. Use \"true\" or \"false\".");
                return null;
        }
    }
}
