using System.Text;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Selectors;

/// <summary>
/// A parsed field selector (<c>spec.nodeName=n1,status.phase!=Failed</c>), checked against the fields the resource type
/// declares; an undeclared field is a 400 <c>field label not supported: x</c> as kube-apiserver answers. Escapes follow
/// k8s.io/apimachinery/pkg/fields/selector.go (<c>\,</c> <c>\=</c> <c>\\</c>).
/// </summary>
public sealed class FieldSelector
{
    public static readonly FieldSelector Everything = new([]);

    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms)
    {
        Terms = terms;
    }

    public IReadOnlyList<(string Field, bool Equal, string Value)> Terms { get; }

    public bool IsEverything => Terms.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (field, equal, value) in Terms)
        {
            var actual = fields.GetValueOrDefault(field) ?? "";
            if (string.Equals(actual, value, StringComparison.Ordinal) != equal)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value required by an <c>f=v</c> term, if any (lets callers narrow a scan, e.g. by name).</summary>
    public string? RequiredValue(string field) => Terms.FirstOrDefault(t => t.Field == field && t.Equal).Value;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var part in SplitUnescaped(text, ','))
        {
            var (field, equal, value) = ParseTerm(part);
            if (!type.FieldSelectors.ContainsKey(field))
            {
                throw ApiErrors.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, equal, value));
        }

        return new FieldSelector(terms);
    }

    private static (string Field, bool Equal, string Value) ParseTerm(string term)
    {
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = IndexOfUnescaped(term, op);
            if (at >= 0)
            {
                return (term[..at].Trim(), equal, Unescape(term[(at + op.Length)..]));
            }
        }

        throw ApiErrors.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }

    private static List<string> SplitUnescaped(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static int IndexOfUnescaped(string text, string op)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            builder.Append(value[i]);
        }

        return builder.ToString();
    }
}
