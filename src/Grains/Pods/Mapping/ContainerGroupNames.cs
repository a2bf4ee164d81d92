using System.Security.Cryptography;
using System.Text;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// A valid ECI name for a pod's group: 2–128 characters of <c>[a-z0-9-]</c>, not starting or ending with '-'
/// (eci-openapi.md §3.1). <c>&lt;namespace&gt;-&lt;name&gt;</c> as the old provider did; when anything had to be
/// changed or cut, a hash of the original names is appended so that different pods keep different names.
/// </summary>
internal static class ContainerGroupNames
{
    private const int MaxLength = 128;
    private const int HashLength = 8;

    public static string For(string podNamespace, string podName)
    {
        string original = $"{podNamespace}-{podName}";
        var builder = new StringBuilder(original.Length);
        foreach (char c in original)
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : '-');
        }

        string cleaned = builder.ToString().Trim('-');
        if (cleaned == original && cleaned.Length is >= 2 and <= MaxLength)
        {
            return cleaned;
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{podNamespace}/{podName}")))[..HashLength];
        string prefix = cleaned.Length > MaxLength - HashLength - 1 ? cleaned[..(MaxLength - HashLength - 1)].TrimEnd('-') : cleaned;
        return prefix.Length == 0 ? $"pod-{hash}" : $"{prefix}-{hash}";
    }
}
