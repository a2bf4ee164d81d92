namespace OrleansEci.Emulators.Kube.Selectors;

/// <summary>Label selector operators (equality-based and set-based).</summary>
public enum SelectorOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}
