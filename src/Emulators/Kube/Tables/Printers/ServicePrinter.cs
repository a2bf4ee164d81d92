using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary>
/// <c>kubectl get services</c>: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. A port of printService,
/// getServiceExternalIP and makePortString
/// (https://github.com/kubernetes/kubernetes/blob/master/pkg/printers/internalversion/printers.go); the server prints
/// wide, so load-balancer addresses are not clipped.
/// </summary>
internal sealed class ServicePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Type", "string", "type determines how the Service is exposed."),
        new("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned randomly."),
        new("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        new("Port(s)", "string", "The list of ports that are exposed by this service."),
        StandardColumns.Age,
        new("Selector", "string", "Route service traffic to pods with label keys and values matching this selector.", 1),
    ];

    public TableRow Print(JsonElement svc, DateTimeOffset now)
    {
        var clusterIp = svc.Items("spec", "clusterIPs").Select(ip => ip.GetString()).FirstOrDefault() ?? "<none>";
        var ports = string.Join(',', svc.Items("spec", "ports").Select(p => p.Int("nodePort") > 0
            ? $"{p.Int("port")}:{p.Int("nodePort")}/{p.Str("protocol")}"
            : $"{p.Int("port")}/{p.Str("protocol")}"));
        return new TableRow(
        [
            svc.Name(), svc.Str("spec", "type"), clusterIp, ExternalIp(svc), ports.Length == 0 ? "<none>" : ports, svc.Age(now),
            SelectorText.Labels(svc.At("spec", "selector")),
        ]);
    }

    private static string ExternalIp(JsonElement svc)
    {
        var external = svc.Items("spec", "externalIPs").Select(ip => ip.GetString() ?? "").ToList();
        switch (svc.Str("spec", "type"))
        {
            case "ClusterIP" or "NodePort":
                return external.Count > 0 ? string.Join(',', external) : "<none>";
            case "LoadBalancer":
                var ingress = svc.Items("status", "loadBalancer", "ingress")
                    .Select(i => i.Str("ip") is { Length: > 0 } ip ? ip : i.Str("hostname"))
                    .Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var all = ingress.Concat(external).ToList();
                return all.Count > 0 ? string.Join(',', all) : "<pending>";
            case "ExternalName":
                return svc.Str("spec", "externalName");
            default:
                return "<unknown>";
        }
    }
}
