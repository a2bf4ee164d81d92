using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Protobuf;
using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Protobuf;

/// <summary>
/// Bodies the real kubectl encoded (its Go types and generated marshalling) decode to the JSON the same object has:
/// the independent check of the schema's field numbers, types and zero-value rules. See Recorded/README.md.
/// </summary>
public sealed class RecordedKubectlBodyTests
{
    /// <summary>
    /// Fixture fields (kubernetes/api HEAD) that kubectl 1.33's Go types do not have, so kubectl dropped them before encoding;
    /// <c>parent.name</c> is the property under the named parent (lists are transparent), a bare name matches anywhere.
    /// </summary>
    private static readonly string[] NewerThanKubectl133 =
    [
        "emptyDir.mode", "items.user", "secret.defaultUser", "downwardAPI.defaultUser", "configMap.defaultUser", "projected.defaultUser",
        "serviceAccountToken.user", "clusterTrustBundle.user", "podCertificate", "fileKeyRef", "restartPolicyRules", "bindMountOptions",
        "httpGet.protocol", "grpc.mode", "hostnameOverride", "schedulingGroup", "evictionResponders", "scheduling",
    ];

    public static TheoryData<string> KubectlCreateCommands =>
        ["create-namespace", "create-configmap", "create-secret", "create-deployment", "create-service", "create-serviceaccount", "create-job"];

    [Theory]
    [MemberData(nameof(KubectlCreateCommands))]
    public void Decode_KubectlCreateBody_EqualsKubectlsJsonForTheSameObject(string command)
    {
        var decoded = ProtobufBody.Decode(RecordedBodies.Read($"kubectl-1.32-{command}.pb"), ProtoSchema.Default, out var unknown);
        var expected = JsonNode.Parse(File.ReadAllText(RecordedBodies.PathOf($"kubectl-1.32-{command}.json")))!;
        JsonDiff.RemoveNulls(expected);

        var differences = JsonDiff.Compare(expected, decoded);
        Assert.True(unknown.Count == 0 && differences.Count == 0,
            $"kubectl {command}: expected the decoded protobuf to equal kubectl's own JSON; unknown fields: {string.Join(", ", unknown)}; differences:\n{string.Join("\n", differences)}");
    }

    [Fact]
    public void Decode_KubectlJobWithEveryJobAndPodSpecField_EqualsTheFixtureSpec()
    {
        var decoded = ProtobufBody.Decode(RecordedBodies.Read("kubectl-1.33-create-job-from-fixture-cronjob.pb"), ProtoSchema.Default, out var unknown);
        var fixture = JsonNode.Parse(File.ReadAllText(SharedFolder.Path("fixtures", "k8s-api-testdata", "batch.v1.Job.json")))!.AsObject();
        JsonDiff.RemoveProperties(fixture, NewerThanKubectl133);

        var differences = JsonDiff.Compare(fixture["spec"], decoded["spec"], ".spec");
        Assert.True(unknown.Count == 0 && differences.Count == 0,
            $"expected the fixture's spec back; unknown fields: {string.Join(", ", unknown)}; differences:\n{string.Join("\n", differences)}");
    }

    [Fact]
    public void Decode_KubectlDeploymentWithZeroReplicas_KeepsTheExplicitZero()
    {
        var decoded = ProtobufBody.Decode(RecordedBodies.Read("kubectl-1.32-create-deployment.pb"));

        Assert.Equal(0, decoded["spec"]?["replicas"]?.GetValue<int>());
        Assert.False(decoded["spec"]!["template"]!["spec"]!.AsObject().ContainsKey("restartPolicy"),
            "an empty value field (restartPolicy \"\") must be left out, as Go's JSON leaves it out, so defaulting fills it");
    }
}
