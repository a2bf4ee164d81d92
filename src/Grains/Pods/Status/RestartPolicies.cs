namespace OrleansEci.Grains.Pods.Status;

/// <summary>The pod restart policies (<c>spec.restartPolicy</c>).</summary>
internal static class RestartPolicies
{
    public const string Always = "Always";

    public const string OnFailure = "OnFailure";

    public const string Never = "Never";
}
