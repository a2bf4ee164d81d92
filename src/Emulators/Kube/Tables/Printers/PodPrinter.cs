using System.Globalization;
using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary>
/// <c>kubectl get pods</c>: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. A port of printPod
/// (https://github.com/kubernetes/kubernetes/blob/master/pkg/printers/internalversion/printers.go): the STATUS reason
/// logic (Init:x/y, Init:Error, CrashLoopBackOff, Completed, NotReady, Terminating, SchedulingGated, Unknown for
/// NodeLost), sidecar (restartable init) containers counted as containers, and "N (5m ago)" restarts.
/// </summary>
internal sealed class PodPrinter : ITablePrinter
{
    private static readonly TableRowCondition[] Succeeded = [new("Completed", "True", "Succeeded", "The pod has completed successfully.")];
    private static readonly TableRowCondition[] Failed = [new("Completed", "True", "Failed", "The pod failed.")];

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        StandardColumns.Age,
        new("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
        new("Node", "string", "NodeName indicates in which node this pod is scheduled.", 1),
        new("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.", 1),
        new("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", 1),
    ];

    public TableRow Print(JsonElement pod, DateTimeOffset now)
    {
        var health = PodHealth.Of(pod);
        var restarts = health.Restarts.ToString(CultureInfo.InvariantCulture);
        if (health.Restarts != 0 && health.LastRestart is { } last)
        {
            restarts = $"{restarts} ({HumanDuration.Since(last, now)} ago)";
        }

        var phase = pod.Str("status", "phase");
        return new TableRow(
            [
                pod.Name(), $"{health.Ready}/{health.Total}", health.Reason, restarts, pod.Age(now),
                OrNone(PodIp(pod)), OrNone(pod.Str("spec", "nodeName")), OrNone(pod.Str("status", "nominatedNodeName")), ReadinessGates(pod),
            ],
            phase switch
            {
                "Succeeded" => Succeeded,
                "Failed" => Failed,
                _ => null,
            });
    }

    private static string PodIp(JsonElement pod)
    {
        foreach (var ip in pod.Items("status", "podIPs"))
        {
            return ip.Str("ip");
        }

        return pod.Str("status", "podIP");
    }

    private static string ReadinessGates(JsonElement pod)
    {
        var gates = pod.Items("spec", "readinessGates").Select(g => g.Str("conditionType")).ToList();
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var conditions = pod.Items("status", "conditions").ToList();
        var met = gates.Count(gate => conditions.FirstOrDefault(c => c.Str("type") == gate) is { ValueKind: JsonValueKind.Object } c && c.Str("status") == "True");
        return $"{met}/{gates.Count}";
    }

    private static string OrNone(string value) => value.Length == 0 ? "<none>" : value;
}
