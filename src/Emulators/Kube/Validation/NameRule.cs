namespace OrleansEci.Emulators.Kube.Validation;

/// <summary>Which rule a resource type's <c>metadata.name</c> follows.</summary>
public enum NameRule
{
    /// <summary>DNS-1123 subdomain (most types: pods, configmaps, deployments, nodes, ...).</summary>
    Dns1123Subdomain,

    /// <summary>DNS-1123 label (namespaces).</summary>
    Dns1123Label,

    /// <summary>DNS-1035 label (services).</summary>
    Dns1035Label,
}
