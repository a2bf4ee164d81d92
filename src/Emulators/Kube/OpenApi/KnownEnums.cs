using System.Collections.Frozen;

using k8s.Models;

namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>
/// The allowed values of string fields that k8s.io/api marks <c>+enum</c> and kube-apiserver publishes as OpenAPI
/// <c>enum</c>s, for the fields of the kinds this server registers (KubernetesClient models them as plain strings).
/// Values as of Kubernetes 1.32 (https://github.com/kubernetes/api/blob/master/core/v1/types.go and friends).
/// </summary>
public static class KnownEnums
{
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] ConditionStatuses = ["False", "True", "Unknown"];
    private static readonly string[] TerminationMessagePolicies = ["FallbackToLogsOnError", "File"];

    private static readonly FrozenDictionary<(Type, string), string[]> Table = new Dictionary<(Type, string), string[]>
    {
        [(typeof(V1Container), "imagePullPolicy")] = PullPolicies,
        [(typeof(V1EphemeralContainer), "imagePullPolicy")] = PullPolicies,
        [(typeof(V1Container), "terminationMessagePolicy")] = TerminationMessagePolicies,
        [(typeof(V1EphemeralContainer), "terminationMessagePolicy")] = TerminationMessagePolicies,
        [(typeof(V1ContainerPort), "protocol")] = Protocols,
        [(typeof(V1ServicePort), "protocol")] = Protocols,
        [(typeof(V1PodSpec), "restartPolicy")] = ["Always", "Never", "OnFailure"],
        [(typeof(V1PodSpec), "dnsPolicy")] = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
        [(typeof(V1PodSpec), "preemptionPolicy")] = ["Never", "PreemptLowerPriority"],
        [(typeof(V1PodStatus), "phase")] = ["Failed", "Pending", "Running", "Succeeded", "Unknown"],
        [(typeof(V1PodStatus), "qosClass")] = ["BestEffort", "Burstable", "Guaranteed"],
        [(typeof(V1PodCondition), "status")] = ConditionStatuses,
        [(typeof(V1NodeCondition), "status")] = ConditionStatuses,
        [(typeof(V1Taint), "effect")] = ["NoExecute", "NoSchedule", "PreferNoSchedule"],
        [(typeof(V1Toleration), "effect")] = ["NoExecute", "NoSchedule", "PreferNoSchedule"],
        [(typeof(V1Toleration), "operator")] = ["Equal", "Exists"],
        [(typeof(V1NamespaceStatus), "phase")] = ["Active", "Terminating"],
        [(typeof(V1ServiceSpec), "type")] = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
        [(typeof(V1ServiceSpec), "sessionAffinity")] = ["ClientIP", "None"],
        [(typeof(V1ServiceSpec), "externalTrafficPolicy")] = ["Cluster", "Local"],
        [(typeof(V1ServiceSpec), "internalTrafficPolicy")] = ["Cluster", "Local"],
        [(typeof(V1DeploymentStrategy), "type")] = ["Recreate", "RollingUpdate"],
        [(typeof(V1JobSpec), "completionMode")] = ["Indexed", "NonIndexed"],
        [(typeof(V1JobSpec), "podReplacementPolicy")] = ["Failed", "TerminatingOrFailed"],
        [(typeof(V1MutatingWebhook), "failurePolicy")] = ["Fail", "Ignore"],
        [(typeof(V1MutatingWebhook), "matchPolicy")] = ["Equivalent", "Exact"],
        [(typeof(V1MutatingWebhook), "reinvocationPolicy")] = ["IfNeeded", "Never"],
        [(typeof(V1MutatingWebhook), "sideEffects")] = ["None", "NoneOnDryRun", "Some", "Unknown"],
    }.ToFrozenDictionary();

    public static IReadOnlyList<string>? For(Type model, string field) => Table.GetValueOrDefault((model, field));
}
