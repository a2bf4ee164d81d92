namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>
/// The commands of the README's Sandbox section, verbatim and in its order. <see cref="ReadmeTests"/> checks that the
/// README shows exactly these; the sandbox tests run them (through <c>sh -c</c>, as a newcomer's shell would), so the
/// README cannot show a command that does not work.
/// </summary>
internal static class Workflows
{
    public const string GetNodes = "kubectl get nodes";

    /// <summary>Route 4 of eci-on-kubernetes.md §3: nodeSelector <c>type: virtual-kubelet</c> and the provider toleration.</summary>
    public const string ApplySelectorPod = """
        kubectl apply -f - <<'EOF'
        apiVersion: v1
        kind: Pod
        metadata:
          name: hello-eci
        spec:
          nodeSelector:
            type: virtual-kubelet
          tolerations:
          - key: virtual-kubelet.io/provider
            operator: Exists
          containers:
          - name: web
            image: nginx:1.27
        EOF
        """;

    public const string GetSelectorPod = "kubectl get pod hello-eci -o wide";

    public const string DescribeSelectorPod = "kubectl describe pod hello-eci";

    public const string DeleteSelectorPod = "kubectl delete pod hello-eci";

    /// <summary>Route 4's other form: <c>spec.nodeName</c> names a virtual node, bypassing the scheduler.</summary>
    public const string RunPinnedPod = """kubectl run pinned --image=nginx:1.27 --overrides='{"spec":{"nodeName":"virtual-kubelet-cn-hangzhou-i"}}'""";

    public const string GetPinnedPod = "kubectl get pod pinned -o wide";

    public const string DeletePinnedPod = "kubectl delete pod pinned";

    /// <summary>A pod that writes to stdout, and its log through the API server's proxy to the silo's kubelet API.</summary>
    public const string RunTalkerPod =
        """kubectl run talker --image=busybox:1.36 --env=X=set-on-the-pod --overrides='{"spec":{"nodeSelector":{"type":"virtual-kubelet"},"tolerations":[{"key":"virtual-kubelet.io/provider","operator":"Exists"}]}}' --command -- sh -c 'echo hello from ECI; echo second line; sleep infinity'""";

    public const string LogsTalkerPod = "kubectl logs talker";

    public const string LogsTalkerPodTail = "kubectl logs talker --tail=1";

    /// <summary>Follows the log (the kubelet API polls ECI's log API for new lines) until Ctrl+C.</summary>
    public const string FollowTalkerPod = "kubectl logs -f talker";

    /// <summary>ECI's metrics through metrics.k8s.io, once the API server has scraped the kubelet API twice.</summary>
    public const string TopTalkerPod = "kubectl top pod talker";

    public const string TopVirtualNodes = "kubectl top node -l type=virtual-kubelet";

    /// <summary>An exec through the API server (WebSocket in, SPDY to the kubelet API) to ECI's ExecContainerCommand: the
    /// pod's env, and the exit code back to kubectl.</summary>
    public const string ExecTalkerPod = "kubectl exec talker -- sh -c 'echo $X; exit 3'";

    /// <summary>Stdin through the same path, ended by the pipe's EOF.</summary>
    public const string ExecTalkerPodStdin = "echo hi | kubectl exec -i talker -- cat";

    public const string DeleteTalkerPod = "kubectl delete pod talker";

    public const string CreateDeployment = "kubectl create deployment web --image=nginx:1.27 --replicas=0";

    public const string RouteDeployment =
        """kubectl patch deployment web -p '{"spec":{"template":{"spec":{"nodeSelector":{"type":"virtual-kubelet"},"tolerations":[{"key":"virtual-kubelet.io/provider","operator":"Exists"}]}}}}'""";

    public const string ScaleDeploymentUp = "kubectl scale deployment web --replicas=3";

    public const string GetDeploymentPods = "kubectl get pods -l app=web -o wide";

    public const string ScaleDeploymentDown = "kubectl scale deployment web --replicas=1";

    public const string DeleteDeployment = "kubectl delete deployment web";

    /// <summary>No toleration, no selector: the scheduler keeps it off the tainted virtual nodes.</summary>
    public const string RunPlainPod = "kubectl run plain --image=nginx:1.27";

    public const string GetPlainPod = "kubectl get pod plain -o wide";

    public const string DeletePlainPod = "kubectl delete pod plain --now";

    /// <summary>A selector for the virtual nodes without the toleration: no node fits.</summary>
    public const string RunUntoleratedPod = """kubectl run untolerated --image=nginx:1.27 --overrides='{"spec":{"nodeSelector":{"type":"virtual-kubelet"}}}'""";

    public const string DescribeUntoleratedPod = "kubectl describe pod untolerated";

    public const string DeleteUntoleratedPod = "kubectl delete pod untolerated";

    /// <summary>Route 1 of eci-on-kubernetes.md §3, through the admission webhook: only the pod label.</summary>
    public const string RunLabelledPod = "kubectl run labelled --image=nginx:1.27 --labels=alibabacloud.com/eci=true";

    public const string GetLabelledPod = "kubectl get pod labelled -o wide";

    public const string DeleteLabelledPod = "kubectl delete pod labelled";

    /// <summary>Route 2: the namespace label routes every pod created in the namespace.</summary>
    public const string CreateEciNamespace = "kubectl create namespace eci-apps";

    public const string LabelEciNamespace = "kubectl label namespace eci-apps alibabacloud.com/eci=true";

    public const string RunNamespacePod = "kubectl -n eci-apps run web --image=nginx:1.27";

    public const string GetNamespacePod = "kubectl -n eci-apps get pod web -o wide";

    public const string DeleteNamespacePod = "kubectl -n eci-apps delete pod web";

    public const string DeleteEciNamespace = "kubectl delete namespace eci-apps";

    /// <summary>A pod routed to ECI that ECI cannot run is denied at creation, saying why and what to use instead.</summary>
    public const string RunHostNetworkPod =
        """kubectl run hostnet --image=nginx:1.27 --labels=alibabacloud.com/eci=true --overrides='{"spec":{"hostNetwork":true}}'""";

    /// <summary>Every command, in the README's order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        GetNodes,
        ApplySelectorPod, GetSelectorPod, DescribeSelectorPod, DeleteSelectorPod,
        RunPinnedPod, GetPinnedPod, DeletePinnedPod,
        RunTalkerPod, LogsTalkerPod, LogsTalkerPodTail, FollowTalkerPod, TopTalkerPod, TopVirtualNodes, ExecTalkerPod, ExecTalkerPodStdin, DeleteTalkerPod,
        CreateDeployment, RouteDeployment, ScaleDeploymentUp, GetDeploymentPods, ScaleDeploymentDown, DeleteDeployment,
        RunPlainPod, GetPlainPod, DeletePlainPod,
        RunUntoleratedPod, DescribeUntoleratedPod, DeleteUntoleratedPod,
        RunLabelledPod, GetLabelledPod, DeleteLabelledPod,
        CreateEciNamespace, LabelEciNamespace, RunNamespacePod, GetNamespacePod, DeleteNamespacePod, DeleteEciNamespace,
        RunHostNetworkPod,
    ];
}
