using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Tables.Printers;

namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>
/// Finds the printer of a resource type: the one a feature attached (<c>type.Features.Get&lt;ITablePrinter&gt;()</c>),
/// else the built-in printer of kube-apiserver for that group and resource, else NAME/AGE.
/// </summary>
public static class TablePrinters
{
    private static readonly Dictionary<GroupResource, ITablePrinter> BuiltIn = new()
    {
        [new("", "pods")] = new PodPrinter(),
        [new("", "nodes")] = new NodePrinter(),
        [new("", "namespaces")] = new NamespacePrinter(),
        [new("", "events")] = new EventPrinter(),
        [new("", "services")] = new ServicePrinter(),
        [new("", "configmaps")] = new ConfigMapPrinter(),
        [new("", "secrets")] = new SecretPrinter(),
        [new("", "serviceaccounts")] = new ServiceAccountPrinter(),
        [new("apps", "deployments")] = new DeploymentPrinter(),
        [new("apps", "replicasets")] = new ReplicaSetPrinter(),
        [new("batch", "jobs")] = new JobPrinter(),
        [new("coordination.k8s.io", "leases")] = new LeasePrinter(),
        [new("policy", "poddisruptionbudgets")] = new PodDisruptionBudgetPrinter(),
        [new("admissionregistration.k8s.io", "mutatingwebhookconfigurations")] = new WebhookConfigurationPrinter(),
        [new("admissionregistration.k8s.io", "validatingwebhookconfigurations")] = new WebhookConfigurationPrinter(),
    };

    public static ITablePrinter For(ResourceType type) =>
        type.Features.Get<ITablePrinter>() ?? BuiltIn.GetValueOrDefault(type.GroupResource) ?? DefaultPrinter.Instance;
}
