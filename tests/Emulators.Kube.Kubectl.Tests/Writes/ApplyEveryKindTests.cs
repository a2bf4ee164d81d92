using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Writes;

/// <summary>
/// Client-side <c>kubectl apply</c> of one object of every built-in kind, then again with changes: every group-version's
/// OpenAPI v3 document must let kubectl validate and compute its strategic merge patch without a warning.
/// </summary>
public sealed class ApplyEveryKindTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    private const string Manifest = """
        apiVersion: v1
        kind: Service
        metadata: {name: svc, labels: {rev: "1"}}
        spec: {selector: {app: x}, ports: [{name: http, port: 80, targetPort: http}, {name: b, port: 81, targetPort: 8081}]}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm, labels: {rev: "1"}}
        data: {k: v}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: s, labels: {rev: "1"}}
        stringData: {k: v}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: sa, labels: {rev: "1"}}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: job, labels: {rev: "1"}}
        spec: {suspend: true, template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox, resources: {requests: {cpu: 100m}}}]}}}
        ---
        apiVersion: coordination.k8s.io/v1
        kind: Lease
        metadata: {name: l, labels: {rev: "1"}}
        spec: {holderIdentity: me, leaseDurationSeconds: 10}
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: MutatingWebhookConfiguration
        metadata: {name: apply-test, labels: {rev: "1"}}
        webhooks: [{name: w.example.com, clientConfig: {url: "https://127.0.0.1:1/x"}, failurePolicy: Ignore, sideEffects: None, admissionReviewVersions: [v1],
          rules: [{operations: [CONNECT], apiGroups: [""], apiVersions: [v1], resources: [nodes/proxy]}]}]
        ---
        apiVersion: events.k8s.io/v1
        kind: Event
        metadata: {name: e, labels: {rev: "1"}}
        eventTime: "2026-11-26T08:00:00.000000Z"
        reportingController: tests
        reportingInstance: tests-1
        action: Test
        reason: Testing
        type: Normal
        regarding: {kind: Pod, name: p}
        note: hello
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: apply-node, labels: {rev: "1"}}
        spec: {taints: [{key: k, effect: NoSchedule}]}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: rs, labels: {rev: "1"}}
        spec: {replicas: 0, selector: {matchLabels: {app: rs}}, template: {metadata: {labels: {app: rs}}, spec: {containers: [{name: c, image: nginx}]}}}
        """;

    private static readonly string[] Objects =
    [
        "service/svc", "configmap/cm", "secret/s", "serviceaccount/sa", "job.batch/job", "lease.coordination.k8s.io/l",
        "mutatingwebhookconfiguration.admissionregistration.k8s.io/apply-test", "event.events.k8s.io/e", "node/apply-node", "replicaset.apps/rs",
    ];

    [Fact]
    public async Task ApplyFile_EveryKindTwice_CreatesThenConfiguresWithoutWarnings()
    {
        var ns = await cluster.NewNamespaceAsync();
        var file = cluster.WriteManifest("every-kind.yaml", Manifest);

        var created = await cluster.RunAsync("apply", "-f", file, "-n", ns);
        cluster.WriteManifest("every-kind.yaml", Manifest.Replace("rev: \"1\"", "rev: \"2\"", StringComparison.Ordinal)
            .Replace("port: 81, targetPort: 8081", "port: 82, targetPort: 8082", StringComparison.Ordinal));
        var configured = await cluster.RunAsync("apply", "-f", file, "-n", ns);
        var ports = (await cluster.RunAsync("get", "service", "svc", "-n", ns, "-o", "jsonpath={.spec.ports[*].port}")).Succeeded();

        Assert.Equal(string.Concat(Objects.Select(o => $"{o} created\n")), created.Succeeded());
        Assert.Equal(string.Concat(Objects.Select(o => $"{o} configured\n")), configured.Succeeded());
        Assert.Equal("", created.Stderr);
        Assert.Equal("", configured.Stderr);
        Assert.Equal("80 82", ports);
    }
}
