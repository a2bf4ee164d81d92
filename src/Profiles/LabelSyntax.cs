using System.Text.RegularExpressions;

namespace OrleansEci.Profiles;

/// <summary>
/// Kubernetes' syntax for label keys, label values and annotation keys (apimachinery validation: a qualified name is
/// an optional DNS-1123 subdomain prefix of at most 253 characters, a slash, and a name of at most 63 alphanumerics,
/// '-', '_' or '.', starting and ending alphanumeric; a label value is empty or such a name). The API server refuses a
/// pod whose labels break these rules, so a profile that would inject them is refused first.
/// </summary>
public static partial class LabelSyntax
{
    private const int MaxNameLength = 63;
    private const int MaxPrefixLength = 253;

    /// <summary>Why <paramref name="key"/> is not a qualified name, or null when it is one.</summary>
    public static string? KeyProblem(string key)
    {
        if (key.Length == 0)
        {
            return "the key is empty";
        }

        int slash = key.IndexOf('/', StringComparison.Ordinal);
        string name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            string prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > MaxPrefixLength || !SubdomainPattern().IsMatch(prefix))
            {
                return $"the prefix \"{prefix}\" is not a DNS subdomain (lower-case alphanumerics, '-' and '.', at most {MaxPrefixLength} characters)";
            }
        }

        return NameProblem(name, "name part");
    }

    /// <summary>Why <paramref name="value"/> is not a label value, or null when it is one (empty is allowed).</summary>
    public static string? ValueProblem(string value) => value.Length == 0 ? null : NameProblem(value, "value");

    private static string? NameProblem(string name, string what)
    {
        if (name.Length == 0)
        {
            return $"the {what} is empty";
        }

        if (name.Length > MaxNameLength)
        {
            return $"the {what} has {name.Length} characters; at most {MaxNameLength} are allowed";
        }

        return NamePattern().IsMatch(name)
            ? null
            : $"the {what} \"{name}\" must consist of alphanumerics, '-', '_' or '.', and start and end with an alphanumeric";
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();
}
