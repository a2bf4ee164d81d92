using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary>
/// <c>kubectl get nodes</c>: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
/// CONTAINER-RUNTIME. A port of printNode and findNodeRoles
/// (https://github.com/kubernetes/kubernetes/blob/master/pkg/printers/internalversion/printers.go).
/// </summary>
internal sealed class NodePrinter : ITablePrinter
{
    private const string RolePrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Status", "string", "The status of the node"),
        new("Roles", "string", "The roles of the node"),
        StandardColumns.Age,
        new("Version", "string", "Kubelet Version reported by the node."),
        new("Internal-IP", "string", "List of addresses reachable to the node.", 1),
        new("External-IP", "string", "List of addresses reachable to the node.", 1),
        new("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
        new("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
        new("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
    ];

    public TableRow Print(JsonElement node, DateTimeOffset now)
    {
        var status = new List<string>();
        if (node.Items("status", "conditions").FirstOrDefault(c => c.Str("type") == "Ready") is { ValueKind: JsonValueKind.Object } ready)
        {
            status.Add(ready.Str("status") == "True" ? "Ready" : "NotReady");
        }
        else
        {
            status.Add("Unknown");
        }

        if (node.Bool("spec", "unschedulable"))
        {
            status.Add("SchedulingDisabled");
        }

        var roles = Roles(node);
        return new TableRow(
        [
            node.Name(), string.Join(',', status), roles.Count == 0 ? "<none>" : string.Join(',', roles), node.Age(now), node.Str("status", "nodeInfo", "kubeletVersion"),
            Address(node, "InternalIP"), Address(node, "ExternalIP"),
            OrUnknown(node.Str("status", "nodeInfo", "osImage")), OrUnknown(node.Str("status", "nodeInfo", "kernelVersion")),
            OrUnknown(node.Str("status", "nodeInfo", "containerRuntimeVersion")),
        ]);
    }

    /// <summary>Roles from <c>node-role.kubernetes.io/&lt;role&gt;</c> label keys and <c>kubernetes.io/role=&lt;role&gt;</c>, sorted.</summary>
    private static SortedSet<string> Roles(JsonElement node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var label in node.Entries("metadata", "labels"))
        {
            if (label.Name.StartsWith(RolePrefix, StringComparison.Ordinal) && label.Name.Length > RolePrefix.Length)
            {
                roles.Add(label.Name[RolePrefix.Length..]);
            }
            else if (label.Name == RoleLabel && label.Value.GetString() is { Length: > 0 } role)
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    private static string Address(JsonElement node, string type) =>
        node.Items("status", "addresses").FirstOrDefault(a => a.Str("type") == type) is { ValueKind: JsonValueKind.Object } address
            ? address.Str("address")
            : "<none>";

    private static string OrUnknown(string value) => value.Length == 0 ? "<unknown>" : value;
}
