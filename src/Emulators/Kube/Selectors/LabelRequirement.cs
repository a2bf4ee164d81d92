namespace OrleansEci.Emulators.Kube.Selectors;

/// <summary>One term of a label selector, with the semantics of k8s.io/apimachinery/pkg/labels (selector.go).</summary>
public sealed record LabelRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.In => has && Values.Contains(value!, StringComparer.Ordinal),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !has || !Values.Contains(value!, StringComparer.Ordinal),
            SelectorOperator.Exists => has,
            SelectorOperator.DoesNotExist => !has,
            SelectorOperator.GreaterThan => has && long.TryParse(value, out var g) && g > long.Parse(Values[0], System.Globalization.CultureInfo.InvariantCulture),
            SelectorOperator.LessThan => has && long.TryParse(value, out var l) && l < long.Parse(Values[0], System.Globalization.CultureInfo.InvariantCulture),
            _ => false,
        };
    }

    public override string ToString() => Operator switch
    {
        SelectorOperator.Equals => $"{Key}={Values[0]}",
        SelectorOperator.NotEquals => $"{Key}!={Values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.GreaterThan => $"{Key}>{Values[0]}",
        SelectorOperator.LessThan => $"{Key}<{Values[0]}",
        _ => Key,
    };
}
