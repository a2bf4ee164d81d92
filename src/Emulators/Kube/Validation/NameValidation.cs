using System.Text.RegularExpressions;

namespace OrleansEci.Emulators.Kube.Validation;

/// <summary>
/// Name and label rules with kube-apiserver's exact messages, from k8s.io/apimachinery/pkg/util/validation/validation.go
/// (https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go). Each function returns
/// the problems (empty when valid).
/// </summary>
public static partial class NameValidation
{
    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";

    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add("must be no more than 253 characters");
        }

        if (!SubdomainRegex().IsMatch(value))
        {
            errors.Add(RegexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", Dns1123SubdomainFormat, "example.com"));
        }

        return errors;
    }

    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!LabelRegex().IsMatch(value))
        {
            errors.Add(RegexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", Dns1123LabelFormat, "my-name", "123-abc"));
        }

        return errors;
    }

    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!Dns1035Regex().IsMatch(value))
        {
            errors.Add(RegexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", Dns1035LabelFormat, "my-name", "abc-123"));
        }

        return errors;
    }

    /// <summary>Label and annotation keys: an optional DNS subdomain prefix and a name part.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        if (parts.Length == 1)
        {
            name = parts[0];
        }
        else if (parts.Length == 2)
        {
            name = parts[1];
            if (parts[0].Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else
            {
                errors.AddRange(Dns1123Subdomain(parts[0]).Select(e => "prefix part " + e));
            }
        }
        else
        {
            return [RegexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QualifiedNameFormat, "MyName", "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errors.Add("name part must be no more than 63 characters");
        }

        if (name.Length > 0 && !QualifiedRegex().IsMatch(name))
        {
            errors.Add("name part " + RegexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add(RegexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>Go's <c>RegexError</c>: message, examples, and the regex.</summary>
    private static string RegexError(string message, string format, params string[] examples) =>
        $"{message} (e.g. {string.Join(",  or ", examples.Select(e => $"'{e}'"))}, regex used for validation is '{format}')";

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^" + Dns1123LabelFormat + "$")]
    private static partial Regex LabelRegex();

    [GeneratedRegex("^" + Dns1035LabelFormat + "$")]
    private static partial Regex Dns1035Regex();

    [GeneratedRegex("^" + QualifiedNameFormat + "$")]
    private static partial Regex QualifiedRegex();

    [GeneratedRegex("^" + LabelValueFormat + "$")]
    private static partial Regex LabelValueRegex();
}
