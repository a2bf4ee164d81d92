using System.Text.RegularExpressions;
using k8s.Models;

namespace OrleansEci.Profiles;

/// <summary>
/// Reads the eci-profile ConfigMap's data into an <see cref="EciProfile"/>, checking every key. Pure: the same data
/// always gives the same result. Empty values mean "not set" (Alibaba's default profile ships <c>selectors: ""</c>).
/// </summary>
public static partial class EciProfileParser
{
    /// <summary>Reads the ConfigMap's <c>data</c>; a ConfigMap without data is the default profile.</summary>
    public static ProfileParseResult Parse(V1ConfigMap configMap)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        return Parse(configMap.Data?.AsReadOnly());
    }

    /// <summary>Reads the profile's data keys; null or empty data is the default profile.</summary>
    public static ProfileParseResult Parse(IReadOnlyDictionary<string, string>? data)
    {
        data ??= new Dictionary<string, string>();
        List<ProfileProblem> errors = [];
        List<ProfileProblem> warnings = [];

        string? vpc = Id(data, EciProfileKeys.VpcId, "vpc-", errors);
        string? securityGroup = Id(data, EciProfileKeys.SecurityGroupId, "sg-", errors);
        string? resourceGroup = Id(data, EciProfileKeys.ResourceGroupId, "rg-", errors);
        IReadOnlyList<string> vSwitches = VSwitches(data, errors);
        bool? clusterIp = Switch(data, EciProfileKeys.EnableClusterIp, errors);
        bool? hybrid = Switch(data, EciProfileKeys.EnableHybridMode, errors);
        bool? privateZone = Switch(data, EciProfileKeys.EnablePrivateZone, errors);

        IReadOnlyList<ProfileSelector> selectors = DefaultSelectors.All;
        bool defaulted = true;
        if (Value(data, EciProfileKeys.Selectors) is { } json)
        {
            selectors = SelectorsParser.Parse(json, errors);
            defaulted = false;
        }

        foreach (string key in data.Keys.Where(k => !IsKnown(k)).Order(StringComparer.Ordinal))
        {
            warnings.Add(new ProfileProblem(key, "is not an eci-profile key this virtual kubelet knows; it has no effect. Check its spelling (keys are case-sensitive)."));
        }

        if (errors.Count > 0)
        {
            return new ProfileParseResult(null, errors, warnings);
        }

        var profile = new EciProfile(vpc, securityGroup, vSwitches, clusterIp, hybrid, privateZone, resourceGroup, selectors, defaulted);
        return new ProfileParseResult(profile, [], warnings);
    }

    private static bool IsKnown(string key) => key is EciProfileKeys.VpcId or EciProfileKeys.SecurityGroupId or EciProfileKeys.VSwitchIds
        or EciProfileKeys.EnableClusterIp or EciProfileKeys.EnableHybridMode or EciProfileKeys.EnablePrivateZone
        or EciProfileKeys.ResourceGroupId or EciProfileKeys.Selectors
        || EciProfileKeys.RecognisedButUnused.Contains(key);

    private static string? Value(IReadOnlyDictionary<string, string> data, string key) =>
        data.TryGetValue(key, out string? raw) && raw is not null && raw.Trim() is { Length: > 0 } value ? value : null;

    private static string? Id(IReadOnlyDictionary<string, string> data, string key, string prefix, List<ProfileProblem> errors)
    {
        string? value = Value(data, key);
        if (value is not null && ResourceIdProblem(value, prefix) is { } problem)
        {
            errors.Add(new ProfileProblem(key, problem));
            return null;
        }

        return value;
    }

    private static string? ResourceIdProblem(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) && value.Length > prefix.Length && IdSuffixPattern().IsMatch(value.AsSpan(prefix.Length))
            ? null
            : $"\"{value}\" is not a resource id; expected \"{prefix}\" followed by lower-case letters and digits, e.g. {prefix}2ze0abc123";

    private static List<string> VSwitches(IReadOnlyDictionary<string, string> data, List<ProfileProblem> errors)
    {
        List<string> ids = [];
        if (Value(data, EciProfileKeys.VSwitchIds) is not { } value)
        {
            return ids;
        }

        string[] parts = value.Split(',', StringSplitOptions.TrimEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string id = parts[i];
            if (id.Length == 0)
            {
                errors.Add(new ProfileProblem(EciProfileKeys.VSwitchIds, $"entry {i + 1} of \"{value}\" is empty; expected comma-separated vSwitch ids such as vsw-a,vsw-b"));
            }
            else if (ResourceIdProblem(id, "vsw-") is { } problem)
            {
                errors.Add(new ProfileProblem(EciProfileKeys.VSwitchIds, $"entry {i + 1}: {problem}"));
            }
            else if (ids.Contains(id, StringComparer.Ordinal))
            {
                errors.Add(new ProfileProblem(EciProfileKeys.VSwitchIds, $"{id} is listed twice; list each vSwitch once, in the order to try them"));
            }
            else
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static bool? Switch(IReadOnlyDictionary<string, string> data, string key, List<ProfileProblem> errors)
    {
        string? value = Value(data, key);
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value, out bool result))
        {
            return result;
        }

        errors.Add(new ProfileProblem(key, $"\"{value}\" is not a switch; expected \"true\" or \"false\""));
        return null;
    }

    [GeneratedRegex("^[a-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdSuffixPattern();
}
