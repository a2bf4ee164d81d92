namespace OrleansEci.KubeletApi.Admission;

/// <summary>How a pod reaches ECI (eci-on-kubernetes.md §3).</summary>
public enum RouteMode
{
    /// <summary>No route applies; the pod is left alone.</summary>
    None,

    /// <summary>
    /// Only ECI: pod label, namespace label, a matching profile selector, or burst-resource <c>eci_only</c>. The webhook
    /// adds the virtual-node nodeSelector and the toleration.
    /// </summary>
    Required,

    /// <summary>
    /// burst-resource <c>eci</c>: regular nodes first, ECI when they lack resources. The webhook adds a preferred
    /// affinity to non-virtual nodes and the toleration.
    /// </summary>
    Preferred,

    /// <summary>The pod already selects a virtual node itself (nodeSelector or nodeName); only effects are added.</summary>
    Explicit,
}
