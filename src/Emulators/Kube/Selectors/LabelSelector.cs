using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Selectors;

/// <summary>
/// A parsed label selector: every requirement must match. Parses the query syntax (<c>a=b,c!=d,e in (x,y),!f</c>) and
/// the object form (<c>matchLabels</c>/<c>matchExpressions</c>) that Deployments, ReplicaSets and Jobs carry.
/// </summary>
public sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new([]);

    /// <summary>Matches nothing (an object-form selector that is null, as <c>metav1.LabelSelectorAsSelector(nil)</c>).</summary>
    public static readonly LabelSelector Nothing = new([]) { _nothing = true };

    private bool _nothing;

    public LabelSelector(IReadOnlyList<LabelRequirement> requirements)
    {
        Requirements = requirements;
    }

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEverything => !_nothing && Requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        if (_nothing)
        {
            return false;
        }

        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses the <c>labelSelector</c> query syntax; throws 400 BadRequest with the parser's complaint.</summary>
    public static LabelSelector Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Everything : new LabelSelector(new LabelSelectorParser(text).ParseAll());

    /// <summary>Reads <c>{"matchLabels":{...},"matchExpressions":[...]}</c>; null yields <see cref="Nothing"/>.</summary>
    public static LabelSelector FromJson(JsonObject? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var requirements = new List<LabelRequirement>();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                requirements.Add(new LabelRequirement(key, SelectorOperator.Equals, [value?.GetValue<string>() ?? ""]));
            }
        }

        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var expression in expressions.OfType<JsonObject>())
            {
                requirements.Add(ReadExpression(expression));
            }
        }

        return new LabelSelector(requirements);
    }

    public override string ToString() => string.Join(",", Requirements.Select(r => r.ToString()));

    private static LabelRequirement ReadExpression(JsonObject expression)
    {
        var key = expression["key"]?.GetValue<string>() ?? "";
        var values = (expression["values"] as JsonArray)?.Select(v => v?.GetValue<string>() ?? "").ToList() ?? [];
        var op = expression["operator"]?.GetValue<string>() switch
        {
            "In" => SelectorOperator.In,
            "NotIn" => SelectorOperator.NotIn,
            "Exists" => SelectorOperator.Exists,
            "DoesNotExist" => SelectorOperator.DoesNotExist,
            var other => throw ApiErrors.BadRequest($"\"{other}\" is not a valid label selector operator"),
        };
        return new LabelRequirement(key, op, values);
    }
}
