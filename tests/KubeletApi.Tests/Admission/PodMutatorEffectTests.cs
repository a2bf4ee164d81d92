using k8s.Models;
using OrleansEci.KubeletApi.Admission;
using OrleansEci.Profiles;
using OrleansEci.KubeletApi.Tests.Support;
using static OrleansEci.KubeletApi.Tests.Admission.PodMutatorRouteTests;
using static OrleansEci.KubeletApi.Tests.Support.PodFixtures;

namespace OrleansEci.KubeletApi.Tests.Admission;

/// <summary>Selector effects (never overwrite, earlier wins), tolerations already present, and idempotence.</summary>
public sealed class PodMutatorEffectTests
{
    private static readonly EciProfile TwoSelectors = Profile("""
        [
          {"name":"first","objectSelector":{"matchLabels":{"app":"web"}},
           "effect":{"annotations":{"k8s.aliyun.com/eci-use-specs":"2-4Gi","k8s.aliyun.com/eci-ntp-server":"100.100.5.1"},"labels":{"created-by-eci":"first"}}},
          {"name":"second","namespaceSelector":{"matchLabels":{"team":"a"}},
           "effect":{"annotations":{"k8s.aliyun.com/eci-use-specs":"4-8Gi","k8s.aliyun.com/eci-spot-strategy":"SpotAsPriceGo"},"labels":{"created-by-eci":"second","eci-schedulable":"true"}}},
          {"name":"everyone","effect":{"annotations":{"k8s.aliyun.com/eci-auto-imc":"true"}}}
        ]
        """);

    [Fact]
    public void Decide_TwoMatchingSelectors_EarlierWinsAndBothContribute()
    {
        V1Pod mutated = Mutated(Pod(labels: Labels("app=web")), Labels("team=a"), TwoSelectors);

        Assert.Equal("2-4Gi", mutated.Metadata.Annotations["k8s.aliyun.com/eci-use-specs"]);
        Assert.Equal("100.100.5.1", mutated.Metadata.Annotations["k8s.aliyun.com/eci-ntp-server"]);
        Assert.Equal("SpotAsPriceGo", mutated.Metadata.Annotations["k8s.aliyun.com/eci-spot-strategy"]);
        Assert.Equal("true", mutated.Metadata.Annotations["k8s.aliyun.com/eci-auto-imc"]);
        Assert.Equal("first", mutated.Metadata.Labels["created-by-eci"]);
        Assert.Equal("true", mutated.Metadata.Labels["eci-schedulable"]);
    }

    [Fact]
    public void Decide_PodAlreadyHasTheKeys_NeverOverwritten()
    {
        V1Pod pod = Pod(
            labels: Labels("app=web", "created-by-eci=mine"),
            annotations: Labels("k8s.aliyun.com/eci-use-specs=ecs.c6.xlarge", "k8s.aliyun.com/eci-auto-imc=false"));

        V1Pod mutated = Mutated(pod, Labels("team=a"), TwoSelectors);

        Assert.Equal("ecs.c6.xlarge", mutated.Metadata.Annotations["k8s.aliyun.com/eci-use-specs"]);
        Assert.Equal("false", mutated.Metadata.Annotations["k8s.aliyun.com/eci-auto-imc"]);
        Assert.Equal("mine", mutated.Metadata.Labels["created-by-eci"]);
        Assert.Equal("web", mutated.Metadata.Labels["app"]);
    }

    [Fact]
    public void Decide_SelectorWithoutLabels_AppliesOnlyToPodsGoingToEci()
    {
        Assert.Same(Allow.Unchanged, Decide(Pod(labels: Labels("app=api")), Labels("team=b"), TwoSelectors));

        V1Pod mutated = Mutated(Pod(labels: Labels("alibabacloud.com/eci=true")), Labels("team=b"), TwoSelectors);

        Assert.Equal("true", Assert.Single(mutated.Metadata.Annotations).Value);
        Assert.Equal(["alibabacloud.com/eci"], mutated.Metadata.Labels.Keys);
    }

    [Fact]
    public void Decide_AnnotationKeysWithSlashes_EscapedInThePointer()
    {
        V1Pod pod = Pod(labels: Labels("app=web"), annotations: Labels("existing=1"));

        Patch patch = Assert.IsType<Patch>(Decide(pod, NoLabels, TwoSelectors));

        Assert.Contains(patch.Operations, o => o.Path == "/metadata/annotations/k8s.aliyun.com~1eci-use-specs");
    }

    [Theory]
    [InlineData("virtual-kubelet.io/provider", "Exists", null, null, 1)]
    [InlineData("virtual-kubelet.io/provider", "Equal", "alibabacloud", "NoSchedule", 1)]
    [InlineData(null, "Exists", null, null, 1)]
    [InlineData("virtual-kubelet.io/provider", "Equal", "other", null, 2)]
    [InlineData("virtual-kubelet.io/provider", "Exists", null, "NoExecute", 2)]
    [InlineData("node.kubernetes.io/not-ready", "Exists", null, null, 2)]
    public void Decide_ExistingToleration_AddsOneOnlyWhenTheTaintIsNotTolerated(string? key, string op, string? value, string? effect, int expected)
    {
        V1Pod pod = Pod(labels: Labels("eci=true"));
        pod.Spec.Tolerations = [new V1Toleration { Key = key, OperatorProperty = op, Value = value, Effect = effect }];

        V1Pod mutated = Mutated(pod);

        Assert.Equal(expected, mutated.Spec.Tolerations.Count);
        Assert.Equal((key, op), (mutated.Spec.Tolerations[0].Key, mutated.Spec.Tolerations[0].OperatorProperty));
        Assert.Equal("virtual-kubelet", mutated.Spec.NodeSelector["type"]);
        if (expected == 2)
        {
            AssertTolerates(mutated);
        }
    }

    [Fact]
    public void Decide_BurstEciWithExistingAffinity_AppendsThePreference()
    {
        V1Pod pod = Pod(annotations: Labels("alibabacloud.com/burst-resource=eci"));
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PreferredSchedulingTerm { Weight = 10, Preference = new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "disk", OperatorProperty = "In", Values = ["ssd"] }] } },
                ],
            },
        };

        V1Pod mutated = Mutated(pod);

        Assert.Equal([10, 100], mutated.Spec.Affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution.Select(t => t.Weight));
    }

    public static TheoryData<string, string?, string?> Scenarios => new()
    {
        { "pod label", "alibabacloud.com/eci=true", null },
        { "namespace label with effect", null, "virtual-node-affinity-injection=enabled" },
        { "burst eci", "burst=eci", null },
        { "burst eci_only", "burst=eci_only", null },
        { "two selectors", "app=web", "team=a" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Decide_PodAlreadyMutated_GivesNoFurtherOperations(string scenario, string? podLabel, string? namespaceLabel)
    {
        V1Pod pod = podLabel is { } l && l.StartsWith("burst=", StringComparison.Ordinal)
            ? Pod(annotations: Labels("alibabacloud.com/burst-resource=" + l[6..]))
            : Pod(labels: podLabel is null ? null : Labels(podLabel));
        var namespaceLabels = namespaceLabel is null ? NoLabels : Labels(namespaceLabel);

        V1Pod once = Mutated(pod, namespaceLabels, TwoSelectors);
        AdmissionDecision again = Decide(once, namespaceLabels, TwoSelectors);

        Assert.True(again is Allow { Warnings.Count: 0 }, $"Scenario {scenario}: expected a second review of the mutated pod to change nothing, got {again}.");
    }
}
