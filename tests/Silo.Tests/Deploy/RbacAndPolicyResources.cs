using k8s.Models;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Silo.Tests.Deploy;

/// <summary>
/// rbac.authorization.k8s.io/v1 and policy/v1 PodDisruptionBudgets for the local API server, which does not serve them
/// itself: stored and schema-checked (OpenAPI from the KubernetesClient models, so kubectl's strict validation rejects
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
        registry.Add(new ResourceTypeBuilder("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true).WithModel<V1PodDisruptionBudget>()
            .WithShortNames("pdb").WithGeneration().WithSubresource(StatusSubresource.For("PodDisruptionBudget")).Build());
    }
}
