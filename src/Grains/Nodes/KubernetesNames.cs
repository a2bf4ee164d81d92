using System.Text.RegularExpressions;

using k8s.Models;

namespace OrleansEci.Grains.Nodes;

/// <summary>
/// Kubernetes' syntax rules (apimachinery <c>pkg/util/validation</c>) for the names configuration supplies:
/// node names, label keys and values, taint keys, and quantities. Each check returns the problem or null.
/// </summary>
internal static partial class KubernetesNames
{
    private const int MaxSubdomainLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Null when <paramref name="value"/> is a DNS-1123 subdomain (a Node name), else why not.</summary>
    public static string? CheckSubdomain(string value) =>
        value.Length == 0 ? "is empty"
        : value.Length > MaxSubdomainLength ? $"is longer than {MaxSubdomainLength} characters"
        : Subdomain().IsMatch(value) ? null
        : "is not a DNS subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)";

    /// <summary>Null when <paramref name="value"/> is a qualified name (<c>prefix/name</c> or <c>name</c>), a label or taint key.</summary>
    public static string? CheckQualifiedName(string value)
    {
        if (value.Length == 0)
        {
            return "is empty";
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? value : value[(slash + 1)..];
        if (slash >= 0 && CheckSubdomain(value[..slash]) is { } prefixProblem)
        {
            return $"has a prefix that {prefixProblem}";
        }

        return name.Length is 0 or > MaxLabelLength || !QualifiedNamePart().IsMatch(name)
            ? $"is not a qualified name (an optional DNS subdomain prefix and '/', then at most {MaxLabelLength} letters, digits, '-', '_' or '.', starting and ending with a letter or digit)"
            : null;
    }

    /// <summary>Null when <paramref name="value"/> is a label value (empty, or at most 63 characters of the qualified name alphabet).</summary>
    public static string? CheckLabelValue(string value) =>
        value.Length == 0 ? null
        : value.Length > MaxLabelLength ? $"is longer than {MaxLabelLength} characters"
        : QualifiedNamePart().IsMatch(value) ? null
        : "is not a label value (letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";

    /// <summary>Reads a quantity; false when it is none (<c>lots</c>, <c>1.5.5</c>, <c>1e400</c>). The sign is the caller's to check.</summary>
    public static bool TryParseQuantity(string? value, out ResourceQuantity quantity)
    {
        quantity = new ResourceQuantity("0");
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        try
        {
            quantity = new ResourceQuantity(value);
            _ = quantity.ToDecimal();
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNamePart();
}
