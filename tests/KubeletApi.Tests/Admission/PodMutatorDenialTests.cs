using k8s.Models;
using OrleansEci.KubeletApi.Admission;
using static OrleansEci.KubeletApi.Tests.Admission.PodMutatorRouteTests;
using static OrleansEci.KubeletApi.Tests.Support.PodFixtures;

namespace OrleansEci.KubeletApi.Tests.Admission;

/// <summary>Pods routed to ECI that ECI cannot run (eci-on-kubernetes.md §2).</summary>
public sealed class PodMutatorDenialTests
{
    public static TheoryData<string, string> Unrunnable => new()
    {
        { "hostPath", "volume \"logs\" is a hostPath (/var/log) (there is no host; use an emptyDir" },
        { "hostNetwork", "hostNetwork: true (ECI virtual nodes have no host network" },
        { "hostPID", "hostPID: true (there are no host namespaces" },
        { "privileged", "container \"app\" is privileged (ECI does not run privileged containers; remove privileged and add only the capabilities" },
        { "privileged init", "init container \"setup\" is privileged" },
    };

    private static V1Pod With(string what, V1Pod pod)
    {
        switch (what)
        {
            case "hostPath":
                pod.Spec.Volumes = [new V1Volume { Name = "logs", HostPath = new V1HostPathVolumeSource { Path = "/var/log" } }];
                break;
            case "hostNetwork":
                pod.Spec.HostNetwork = true;
                break;
            case "hostPID":
                pod.Spec.HostPID = true;
                break;
            case "privileged":
                pod.Spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true };
                break;
            case "privileged init":
                pod.Spec.InitContainers = [new V1Container { Name = "setup", Image = "busybox:1.36", SecurityContext = new V1SecurityContext { Privileged = true } }];
                break;
        }

        return pod;
    }

    [Theory]
    [MemberData(nameof(Unrunnable))]
    public void Decide_UnrunnablePodRoutedToEci_DeniedWithWhyAndWhatInstead(string what, string expected)
    {
        Deny deny = Assert.IsType<Deny>(Decide(With(what, Pod(labels: Labels("alibabacloud.com/eci=true")))));

        Assert.Equal(403, deny.Code);
        Assert.StartsWith("Pod team-a/web-0 is routed to ECI (pod label alibabacloud.com/eci=true), but ECI cannot run it: ", deny.Reason, StringComparison.Ordinal);
        Assert.Contains(expected, deny.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Unrunnable))]
    public void Decide_UnrunnablePodNotRoutedToEci_AllowedUnchanged(string what, string expected)
    {
        _ = expected;
        Assert.Same(Allow.Unchanged, Decide(With(what, Pod())));
    }

    [Theory]
    [MemberData(nameof(Unrunnable))]
    public void Decide_UnrunnablePodWithBurstEci_StaysOnRegularNodesWithAWarning(string what, string expected)
    {
        Allow allow = Assert.IsType<Allow>(Decide(With(what, Pod(annotations: Labels("alibabacloud.com/burst-resource=eci")))));

        string warning = Assert.Single(allow.Warnings);
        Assert.Contains(expected, warning, StringComparison.Ordinal);
        Assert.EndsWith("will not burst to ECI.", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SeveralProblems_AllNamedInOneDenial()
    {
        V1Pod pod = With("hostNetwork", With("hostPath", Pod()));

        Deny deny = Assert.IsType<Deny>(Decide(pod, Labels("alibabacloud.com/eci=true")));

        Assert.Contains("(namespace label alibabacloud.com/eci=true)", deny.Reason, StringComparison.Ordinal);
        Assert.Contains("hostNetwork", deny.Reason, StringComparison.Ordinal);
        Assert.Contains("hostPath", deny.Reason, StringComparison.Ordinal);
    }
}
