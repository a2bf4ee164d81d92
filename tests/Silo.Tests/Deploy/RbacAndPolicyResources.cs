using k8s.Models;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Silo.Tests.Deploy;

/// <summary>
/// rbac.authorization.k8s.io/v1 for the local API server, which does not serve it itself (it serves policy/v1
/// PodDisruptionBudgets since src/Emulators/Kube/Policy): stored and schema-checked (OpenAPI from the KubernetesClient models, so kubectl's strict validation rejects
/// unknown fields) but not enforced, as the server authorizes every authenticated user.
/// </summary>
internal sealed class RbacAndPolicyResources : IResourceTypeSource
{
    public void Register(ResourceRegistry registry)
    {
        registry.Add(new ResourceTypeBuilder("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false).WithModel<V1ClusterRole>().Build());
        registry.Add(new ResourceTypeBuilder("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false).WithModel<V1ClusterRoleBinding>().Build());
        registry.Add(new ResourceTypeBuilder("rbac.authorization.k8s.io", "v1", "roles", "Role", true).WithModel<V1Role>().Build());
        registry.Add(new ResourceTypeBuilder("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true).WithModel<V1RoleBinding>().Build());
    }
}
