using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Microsoft.Extensions.Options;

namespace OrleansEci.Grains.Nodes;

/// <summary>
/// Start-up validation of <see cref="VirtualKubeletOptions"/>. Every message names the setting (and the environment
/// variable users set) and says how to fix it; all problems are reported at once.
/// </summary>
public sealed partial class VirtualKubeletOptionsValidator : IValidateOptions<VirtualKubeletOptions>
{
    private const string S = VirtualKubeletOptions.SectionName;
    private const int MaxTagValueLength = 128;
    private const int MaxHostnameLabelLength = 63;
    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] Architectures = ["amd64", "arm64"];

    /// <summary>Validates options outside dependency injection; throws with every failure.</summary>
    public static void ThrowIfInvalid(VirtualKubeletOptions options)
    {
        var result = new VirtualKubeletOptionsValidator().Validate(name: null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(VirtualKubeletOptions), result.Failures);
        }
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, VirtualKubeletOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.EnvironmentErrors);
        CheckAccount(failures, options);
        CheckTaint(failures, $"{S}:Taint", options.Taint, environment: true);
        CheckQuantity(failures, VirtualKubeletOptions.QuotaCpuEnvironmentVariable, $"{S}:QuotaCpu", options.QuotaCpu, "1000000");
        CheckQuantity(failures, VirtualKubeletOptions.QuotaMemoryEnvironmentVariable, $"{S}:QuotaMemory", options.QuotaMemory, "6400Ti");
        CheckQuantity(failures, VirtualKubeletOptions.QuotaPodsEnvironmentVariable, $"{S}:QuotaPods", options.QuotaPods, "10000", wholeNumber: true);
        CheckQuantity(failures, VirtualKubeletOptions.QuotaEphemeralStorageEnvironmentVariable, $"{S}:QuotaEphemeralStorage", options.QuotaEphemeralStorage, "60000Gi");
        CheckKubelet(failures, options);
        CheckTimings(failures, options);
        CheckNodes(failures, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAccount(List<string> failures, VirtualKubeletOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.RegionId))
        {
            failures.Add($"{S}:RegionId is empty. Set {VirtualKubeletOptions.RegionEnvironmentVariable} (e.g. cn-beijing).");
        }
        else if (!RegionPattern().IsMatch(options.RegionId))
        {
            failures.Add($"{S}:RegionId '{options.RegionId}' is not a region id. Set {VirtualKubeletOptions.RegionEnvironmentVariable} to one like cn-beijing.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{S}:ClusterId is empty. Set {VirtualKubeletOptions.ClusterIdEnvironmentVariable} to the cluster's id, unique in the account (e.g. c-abc123); it tags every container group.");
        }
        else if (options.ClusterId.Length > MaxTagValueLength || options.ClusterId.Any(char.IsWhiteSpace))
        {
            failures.Add($"{S}:ClusterId '{options.ClusterId}' is not usable as an ECI tag value (at most {MaxTagValueLength} characters, no spaces). Set {VirtualKubeletOptions.ClusterIdEnvironmentVariable} to a short id like c-abc123.");
        }

        if (options.VpcId is { Length: > 0 } vpc && !vpc.StartsWith("vpc-", StringComparison.Ordinal))
        {
            failures.Add($"{S}:VpcId '{vpc}' is not a VPC id. Set {VirtualKubeletOptions.VpcEnvironmentVariable} to one like vpc-2ze0abc, or leave it unset (ECI derives it from the vSwitch).");
        }

        if (string.IsNullOrWhiteSpace(options.SecurityGroupId))
        {
            failures.Add($"{S}:SecurityGroupId is empty. Set {VirtualKubeletOptions.SecurityGroupEnvironmentVariable} to the pods' security group (e.g. sg-2ze0abc).");
        }
        else if (!options.SecurityGroupId.StartsWith("sg-", StringComparison.Ordinal))
        {
            failures.Add($"{S}:SecurityGroupId '{options.SecurityGroupId}' is not a security group id. Set {VirtualKubeletOptions.SecurityGroupEnvironmentVariable} to one like sg-2ze0abc.");
        }

        if (!string.Equals(options.ClusterType, VirtualKubeletOptions.CloudClusterType, StringComparison.OrdinalIgnoreCase) && !options.IsHybrid)
        {
            failures.Add($"{S}:ClusterType '{options.ClusterType}' is neither CLOUD nor IDC. Set {VirtualKubeletOptions.ClusterTypeEnvironmentVariable} to CLOUD (a cluster on ECS) or IDC (on-premises, hybrid).");
        }
    }

    private static void CheckKubelet(List<string> failures, VirtualKubeletOptions options)
    {
        if (options.KubeletPort is < 1 or > 65535)
        {
            failures.Add($"{S}:KubeletPort is {options.KubeletPort}. Set {VirtualKubeletOptions.KubeletPortEnvironmentVariable} to a port from 1 to 65535 (the kubelet's is 10250).");
        }

        if (string.IsNullOrWhiteSpace(options.PodIp))
        {
            failures.Add($"{S}:PodIp is empty. Set {VirtualKubeletOptions.PodIpEnvironmentVariable} from the downward API (valueFrom.fieldRef.fieldPath: status.podIP); it is every node's InternalIP, where the API server reaches the kubelet API.");
        }
        else if (!IPAddress.TryParse(options.PodIp, out _))
        {
            failures.Add($"{S}:PodIp '{options.PodIp}' is not an IP address. Set {VirtualKubeletOptions.PodIpEnvironmentVariable} from the downward API (status.podIP).");
        }

        if (!KubeletVersionPattern().IsMatch(options.KubeletVersion ?? ""))
        {
            failures.Add($"{S}:KubeletVersion '{options.KubeletVersion}' is not vMAJOR.MINOR.PATCH[-suffix], which kubectl and version-skew checks parse. Use e.g. v1.30.0-orleans-eci.");
        }

        if (!Architectures.Contains(options.Architecture, StringComparer.Ordinal))
        {
            failures.Add($"{S}:Architecture '{options.Architecture}' is not amd64 or arm64 (Go's GOARCH names, as kubernetes.io/arch uses them).");
        }
    }

    private static void CheckTimings(List<string> failures, VirtualKubeletOptions options)
    {
        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{S}:LeaseDuration is {options.LeaseDuration}; it must be at least 1 s (leaseDurationSeconds is whole seconds). Use e.g. 00:00:40, the kubelet's.");
        }

        if (options.LeaseRenewInterval <= TimeSpan.Zero || options.LeaseRenewInterval >= options.LeaseDuration)
        {
            failures.Add($"{S}:LeaseRenewInterval is {options.LeaseRenewInterval}; it must be positive and shorter than {S}:LeaseDuration ({options.LeaseDuration}), or the lease lapses between renewals. Use a quarter of the duration, e.g. 00:00:10.");
        }

        if (options.StatusUpdateInterval <= TimeSpan.Zero)
        {
            failures.Add($"{S}:StatusUpdateInterval is {options.StatusUpdateInterval}; it must be positive. Use e.g. 00:01:00.");
        }

        if (options.AccountQuotaShrinkThreshold is < 0 or > 1 || double.IsNaN(options.AccountQuotaShrinkThreshold))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{S}:AccountQuotaShrinkThreshold is {options.AccountQuotaShrinkThreshold}. Use a fraction from 0 to 1, e.g. 0.9 (shrink allocatable CPU once 90 % of the account's vCPU quota is used)."));
        }
    }

    private static void CheckTaint(List<string> failures, string setting, NodeTaintOptions? taint, bool environment)
    {
        if (taint is null)
        {
            failures.Add($"{setting} is missing. Give a Key, Value and Effect, e.g. {VirtualKubeletOptions.DefaultTaintKey}, {VirtualKubeletOptions.DefaultTaintValue}, {VirtualKubeletOptions.DefaultTaintEffect}.");
            return;
        }

        string Fix(string variable, string example) => environment ? $"Set {variable} to e.g. {example}." : $"Use e.g. {example}.";

        if (string.IsNullOrEmpty(taint.Key))
        {
            failures.Add($"{setting}:Key is empty. {Fix(VirtualKubeletOptions.TaintKeyEnvironmentVariable, VirtualKubeletOptions.DefaultTaintKey)}");
        }
        else if (KubernetesNames.CheckQualifiedName(taint.Key) is { } keyProblem)
        {
            failures.Add($"{setting}:Key '{taint.Key}' {keyProblem}. {Fix(VirtualKubeletOptions.TaintKeyEnvironmentVariable, VirtualKubeletOptions.DefaultTaintKey)}");
        }

        if (KubernetesNames.CheckLabelValue(taint.Value ?? "") is { } valueProblem)
        {
            failures.Add($"{setting}:Value '{taint.Value}' {valueProblem}. {Fix(VirtualKubeletOptions.TaintValueEnvironmentVariable, VirtualKubeletOptions.DefaultTaintValue)}");
        }

        if (!TaintEffects.Contains(taint.Effect, StringComparer.Ordinal))
        {
            var fix = environment ? $"Set {VirtualKubeletOptions.TaintEffectEnvironmentVariable} to" : "Use";
            failures.Add($"{setting}:Effect '{taint.Effect}' is not a taint effect. {fix} NoSchedule, PreferNoSchedule or NoExecute.");
        }
    }

    /// <param name="failures">Where problems go.</param>
    /// <param name="shownName">How the message names the value: the environment variable, or the setting of a node.</param>
    /// <param name="setting">The configuration setting, named as well when <paramref name="shownName"/> is a variable.</param>
    /// <param name="value">The quantity text.</param>
    /// <param name="example">A good value.</param>
    /// <param name="wholeNumber">True for counts (pods).</param>
    private static void CheckQuantity(List<string> failures, string shownName, string setting, string? value, string example, bool wholeNumber = false)
    {
        var where = shownName == setting ? "" : $" ({setting})";
        if (!KubernetesNames.TryParseQuantity(value, out var quantity))
        {
            failures.Add($"{shownName}='{value}' is not a Kubernetes quantity. Use e.g. {example}{where}.");
            return;
        }

        var amount = quantity.ToDecimal();
        if (amount < 0)
        {
            failures.Add($"{shownName}='{value}' is negative. Use e.g. {example}{where}.");
        }
        else if (wholeNumber && decimal.Truncate(amount) != amount)
        {
            failures.Add($"{shownName}='{value}' is not a whole number. Use e.g. {example}{where}.");
        }
    }

    [GeneratedRegex("^[a-z]{2,}(-[a-z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^v[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex KubeletVersionPattern();
}
