using k8s.Models;
using OrleansEci.KubeletApi.Admission;
using OrleansEci.Profiles;
using OrleansEci.KubeletApi.Tests.Support;
using static OrleansEci.KubeletApi.Tests.Support.PodFixtures;

namespace OrleansEci.KubeletApi.Tests.Admission;

/// <summary>The routes of eci-on-kubernetes.md §3 through <see cref="PodMutator"/>, checked on the pod the API server would store.</summary>
public sealed class PodMutatorRouteTests
{
    internal static AdmissionDecision Decide(V1Pod pod, IReadOnlyDictionary<string, string>? namespaceLabels = null, EciProfile? profile = null) =>
        PodMutator.Decide(pod, Namespace, namespaceLabels ?? NoLabels, profile ?? EciProfile.Default, new AdmissionOptions());

    internal static V1Pod Mutated(V1Pod pod, IReadOnlyDictionary<string, string>? namespaceLabels = null, EciProfile? profile = null)
    {
        AdmissionDecision decision = Decide(pod, namespaceLabels, profile);
        Patch patch = Assert.IsType<Patch>(decision, exactMatch: false);
        return JsonPatchApplier.Apply(pod, patch.Operations);
    }

    internal static EciProfile Profile(string selectors)
    {
        ProfileParseResult result = EciProfileParser.Parse(new Dictionary<string, string> { ["selectors"] = selectors });
        Assert.True(result.IsValid, $"Test profile is invalid: {result.Describe()}");
        return result.Profile!;
    }

    internal static void AssertRequiredToEci(V1Pod pod)
    {
        Assert.True(pod.Spec.NodeSelector?.TryGetValue("type", out string? type) == true && type == "virtual-kubelet",
            $"Expected pod {pod.Metadata.Name} to get nodeSelector type=virtual-kubelet; it has {string.Join(",", pod.Spec.NodeSelector ?? new Dictionary<string, string>())}.");
        AssertTolerates(pod);
    }

    internal static void AssertTolerates(V1Pod pod) =>
        Assert.True(
            pod.Spec.Tolerations?.Any(t => t.Key == "virtual-kubelet.io/provider" && t.OperatorProperty == "Exists" && t.Effect == "NoSchedule") == true,
            $"Expected pod {pod.Metadata.Name} to tolerate virtual-kubelet.io/provider:NoSchedule.");

    [Theory]
    [InlineData("alibabacloud.com/eci=true")]
    [InlineData("eci=true")]
    public void Decide_PodEciLabel_RequiresVirtualNodesWithToleration(string label)
    {
        V1Pod mutated = Mutated(Pod(labels: Labels(label)));

        AssertRequiredToEci(mutated);
        Assert.Null(mutated.Spec.Affinity);
    }

    [Theory]
    [InlineData("alibabacloud.com/eci=true")]
    [InlineData("eci=true")]
    [InlineData("virtual-node-affinity-injection=enabled")]
    public void Decide_NamespaceLabel_RequiresVirtualNodes(string label)
    {
        AssertRequiredToEci(Mutated(Pod(), Labels(label)));
    }

    [Fact]
    public void Decide_LegacyNamespaceLabel_GetsTheDefaultSelectorsEffect()
    {
        V1Pod mutated = Mutated(Pod(), Labels("virtual-node-affinity-injection=enabled"));

        Assert.Equal("true", mutated.Metadata.Annotations["k8s.aliyun.com/eci-image-cache"]);
        Assert.Equal("true", mutated.Metadata.Labels["created-by-eci"]);
    }

    [Theory]
    [InlineData("alibabacloud.com/eci=false")]
    [InlineData("eci=True")]
    [InlineData("app=eci")]
    public void Decide_NoRoute_AllowedUnchanged(string label)
    {
        Assert.Same(Allow.Unchanged, Decide(Pod(labels: Labels(label)), Labels("alibabacloud.com/eci=false")));
    }

    [Fact]
    public void Decide_BurstEci_PrefersRegularNodesAndToleratesVirtualOnes()
    {
        V1Pod mutated = Mutated(Pod(annotations: Labels("alibabacloud.com/burst-resource=eci")));

        AssertTolerates(mutated);
        Assert.Null(mutated.Spec.NodeSelector);
        V1PreferredSchedulingTerm term = Assert.Single(mutated.Spec.Affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        V1NodeSelectorRequirement requirement = Assert.Single(term.Preference.MatchExpressions);
        Assert.Equal(("type", "NotIn", "virtual-kubelet", 100), (requirement.Key, requirement.OperatorProperty, Assert.Single(requirement.Values), term.Weight));
        Assert.Null(mutated.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
    }

    [Fact]
    public void Decide_BurstEciOnly_RequiresVirtualNodes()
    {
        AssertRequiredToEci(Mutated(Pod(annotations: Labels("alibabacloud.com/burst-resource=eci_only"))));
    }

    [Fact]
    public void Decide_BurstEciInEciNamespace_PodsOwnAnnotationWins()
    {
        V1Pod mutated = Mutated(Pod(annotations: Labels("alibabacloud.com/burst-resource=eci")), Labels("alibabacloud.com/eci=true"));

        Assert.Null(mutated.Spec.NodeSelector);
        Assert.Single(mutated.Spec.Affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
    }

    [Fact]
    public void Decide_PodLabelAndBurstEci_PodLabelRequiresEci()
    {
        AssertRequiredToEci(Mutated(Pod(labels: Labels("alibabacloud.com/eci=true"), annotations: Labels("alibabacloud.com/burst-resource=eci"))));
    }

    [Theory]
    [InlineData("ECI")]
    [InlineData("")]
    [InlineData(" eci")]
    [InlineData("eci,eci_only")]
    [InlineData("eci-only")]
    public void Decide_MalformedBurstResource_DeniedNamingTheValidValues(string value)
    {
        var pod = Pod(annotations: new Dictionary<string, string> { ["alibabacloud.com/burst-resource"] = value });

        Deny deny = Assert.IsType<Deny>(Decide(pod));

        Assert.Contains($"\"{value}\"; expected \"eci\"", deny.Reason, StringComparison.Ordinal);
        Assert.Contains("\"eci_only\"", deny.Reason, StringComparison.Ordinal);
        Assert.Contains("team-a/web-0", deny.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ProfileObjectSelector_RoutesMatchingPodsOnly()
    {
        EciProfile profile = Profile("""[{"name":"batch","objectSelector":{"matchLabels":{"tier":"batch","team":"ml"}}}]""");

        AssertRequiredToEci(Mutated(Pod(labels: Labels("tier=batch", "team=ml", "extra=1")), profile: profile));
        Assert.Same(Allow.Unchanged, Decide(Pod(labels: Labels("tier=batch")), profile: profile));
    }

    [Fact]
    public void Decide_ProfileWithBothSelectors_BothMustMatch()
    {
        EciProfile profile = Profile("""[{"name":"ml","namespaceSelector":{"matchLabels":{"team":"ml"}},"objectSelector":{"matchLabels":{"tier":"batch"}}}]""");

        AssertRequiredToEci(Mutated(Pod(labels: Labels("tier=batch")), Labels("team=ml"), profile));
        Assert.Same(Allow.Unchanged, Decide(Pod(labels: Labels("tier=batch")), Labels("team=web"), profile));
        Assert.Same(Allow.Unchanged, Decide(Pod(labels: Labels("tier=web")), Labels("team=ml"), profile));
    }

    [Fact]
    public void Decide_CustomSelectorsReplaceDefaults_BuiltInLabelRoutesStillWork()
    {
        EciProfile profile = Profile("""[{"name":"ml","namespaceSelector":{"matchLabels":{"team":"ml"}}}]""");

        V1Pod mutated = Mutated(Pod(), Labels("virtual-node-affinity-injection=enabled"), profile);

        AssertRequiredToEci(mutated);
        Assert.Null(mutated.Metadata.Annotations);
    }

    [Theory]
    [InlineData("type=virtual-kubelet", null)]
    [InlineData(null, "virtual-kubelet-cn-beijing-e")]
    public void Decide_PodThatSelectsAVirtualNodeItself_GetsOnlyEffects(string? nodeSelector, string? nodeName)
    {
        EciProfile profile = Profile("""[{"name":"all","effect":{"annotations":{"k8s.aliyun.com/eci-ntp-server":"100.100.5.1"}}}]""");
        V1Pod pod = Pod();
        pod.Spec.NodeSelector = nodeSelector is null ? null : Labels(nodeSelector);
        pod.Spec.NodeName = nodeName;

        V1Pod mutated = Mutated(pod, profile: profile);

        Assert.Equal("100.100.5.1", mutated.Metadata.Annotations["k8s.aliyun.com/eci-ntp-server"]);
        Assert.Null(mutated.Spec.Tolerations);
        Assert.Null(mutated.Spec.Affinity);
    }

    [Fact]
    public void Decide_DaemonSetPodInEciNamespace_LeftAlone()
    {
        V1Pod pod = Pod();
        pod.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = "node-exporter", Uid = "6b1f", Controller = true }];

        Assert.Same(Allow.Unchanged, Decide(pod, Labels("alibabacloud.com/eci=true")));
    }

    [Fact]
    public void Decide_NodeSelectorForOtherNodes_DeniedSayingWhich()
    {
        V1Pod pod = Pod(labels: Labels("alibabacloud.com/eci=true"));
        pod.Spec.NodeSelector = Labels("type=gpu-pool", "disk=ssd");

        Deny deny = Assert.IsType<Deny>(Decide(pod));

        Assert.Contains("nodeSelector type=gpu-pool", deny.Reason, StringComparison.Ordinal);
        Assert.Contains("pod label alibabacloud.com/eci=true", deny.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ExistingNodeSelector_KeyAddedBesideIt()
    {
        V1Pod pod = Pod(labels: Labels("eci=true"));
        pod.Spec.NodeSelector = Labels("kubernetes.io/arch=amd64");

        V1Pod mutated = Mutated(pod);

        AssertRequiredToEci(mutated);
        Assert.Equal("amd64", mutated.Spec.NodeSelector["kubernetes.io/arch"]);
    }

    [Fact]
    public void Decide_PodWithoutSpec_DeniedAsBadRequest()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "x" } };

        Deny deny = Assert.IsType<Deny>(Decide(pod, Labels("eci=true")));

        Assert.Equal(400, deny.Code);
    }
}
