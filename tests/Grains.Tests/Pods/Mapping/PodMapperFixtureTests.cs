using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

/// <summary>
/// The API's test pod with every field set (shared/fixtures/k8s-api-testdata/core.v1.Pod.json). As written it is not
/// a pod Kubernetes would accept (one volume with every source, enum fields holding "xValue"); the tests first check
/// that it is refused clearly, then make it valid with the smallest changes and check that every field is mapped or
/// reported.
/// </summary>
public sealed class PodMapperFixtureTests
{
    [Fact]
    public void Map_FixtureAsWritten_IsUnsupportedForHostNetwork()
    {
        Unsupported result = PodFixtures.Fail<Unsupported>(Fixture());

        Assert.Equal(MappingReasons.UnsupportedHostNetwork, result.Reason);
        Assert.Contains("namespaceValue/nameValue", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_RunnableFixture_EveryFieldMappedOrReported()
    {
        V1Pod pod = RunnableFixture();
        var token = new ServiceAccountTokenSource("serviceAccountNameValue", "audienceValue", 2);
        PodInputs inputs = PodFixtures.Inputs(
            [PodFixtures.ConfigMap("nameValue", ("keyValue", "from-configmap"))],
            [PodFixtures.Secret("nameValue", ("keyValue", "from-secret")), PodFixtures.Secret("secretNameValue", ("keyValue", "volume-secret"))],
            new Dictionary<ServiceAccountTokenSource, string> { [token] = "jwt" });
        Assert.Equal([token], PodMapper.Dependencies(pod).Tokens);

        Mapped mapped = PodFixtures.Map(pod, inputs);
        CreateContainerGroupRequest request = mapped.Request;
        string notes = string.Join("\n", mapped.Notes.Select(n => n.Message));

        // Pod level.
        Assert.Equal(("Always", 4L, 5L, true), (request.RestartPolicy, request.TerminationGracePeriodSeconds!.Value, request.ActiveDeadlineSeconds!.Value, request.ShareProcessNamespace!.Value));
        Assert.Equal(("None", "nameserversValue", "searchesValue", "nameValue"), (request.DnsPolicy, request.DnsConfig!.NameServers![0], request.DnsConfig.Searches![0], request.DnsConfig.Options![0].Name));
        Assert.Equal(("ipValue", "hostnamesValue"), (request.HostAliases![0].Ip, request.HostAliases[0].Hostnames[0]));
        Assert.Equal("hostnameValue.subdomainValue.namespaceValue.svc.cluster.local", request.HostName);
        Assert.Equal(new Sysctl("nameValue", "valueValue"), request.SecurityContext!.Sysctls![0]);
        Assert.Equal("uidValue", ContainerGroupTags.Find(request.Tags, ContainerGroupTags.Uid));

        // Containers.
        ContainerDefinition app = request.Containers.Single();
        Assert.Equal(("nameValue", "imageValue", "workingDirValue", "imagePullPolicyValue"), (app.Name, app.Image, app.WorkingDir, app.ImagePullPolicy));
        Assert.Equal(["commandValue"], app.Command);
        Assert.Equal(["argsValue"], app.Args);
        Assert.Equal([("prefixValuekeyValue", "from-configmap"), ("nameValue", "nameValue")], app.EnvironmentVars!.Select(e => (e.Key, e.Value!)));
        Assert.Equal((3, "TCP"), (app.Ports![0].Port, app.Ports[0].Protocol!));
        Assert.Equal(["commandValue"], app.LivenessProbe!.Exec!.Commands);
        Assert.Equal((2, 4, 3, 5, 6), (app.LivenessProbe.InitialDelaySeconds!.Value, app.LivenessProbe.PeriodSeconds!.Value, app.LivenessProbe.TimeoutSeconds!.Value, app.LivenessProbe.SuccessThreshold!.Value, app.LivenessProbe.FailureThreshold!.Value));
        Assert.Equal(["commandValue"], app.ReadinessProbe!.Exec!.Commands);
        Assert.Equal(["commandValue"], app.PostStart!.ExecCommand);
        Assert.Equal(["commandValue"], app.PreStop!.ExecCommand);
        Assert.Equal(["ADDVALUE"], app.SecurityContext!.Capability!.Add);
        Assert.Equal((true, 4L, 8L, true), (app.SecurityContext.ReadOnlyRootFilesystem!.Value, app.SecurityContext.RunAsUser!.Value, app.SecurityContextRunAsGroup!.Value, app.SecurityContextRunAsNonRoot!.Value));
        Assert.Equal((true, true, true), (app.Stdin, app.StdinOnce, app.Tty));
        Assert.Equal(("terminationMessagePathValue", "terminationMessagePolicyValue"), (app.TerminationMessagePath, app.TerminationMessagePolicy));
        Assert.Equal(("nameValue", "mountPathValue", true, "subPathValue"), (app.VolumeMounts![0].Name, app.VolumeMounts[0].MountPath, app.VolumeMounts[0].ReadOnly!.Value, app.VolumeMounts[0].SubPath));
        Assert.Equal("nameValue", request.InitContainers!.Single().Name);

        // Volumes, in the order the runnable fixture lists them.
        IReadOnlyList<Volume> volumes = request.Volumes!;
        Assert.Equal(["EmptyDirVolume", "ConfigFileVolume", "NFSVolume", "ConfigFileVolume", "ConfigFileVolume", "ConfigFileVolume", "FlexVolume"], volumes.Select(v => v.Type));
        Assert.Equal("volume-secret", PodFixtures.Decode(volumes[1].ConfigFileVolume!.ConfigFileToPaths.Single().Content));
        Assert.Equal("from-configmap", PodFixtures.Decode(volumes[3].ConfigFileVolume!.ConfigFileToPaths.Single().Content));
        Assert.Equal(["from-secret", "nameValue", "from-configmap", "jwt"], volumes[4].ConfigFileVolume!.ConfigFileToPaths.Select(f => PodFixtures.Decode(f.Content)));
        Assert.Equal("nameValue", PodFixtures.Decode(volumes[5].ConfigFileVolume!.ConfigFileToPaths.Single().Content));

        // What ECI cannot apply is reported, each by name.
        foreach (string reported in new[]
        {
            "startupProbe", "stopSignal", "capabilities.drop", "allowPrivilegeEscalation", "seccompProfile", "seLinuxOptions", "appArmorProfile",
            "procMount", "windowsOptions", "hostPort 2", "subPathExpr", "recursiveReadOnly", "resource limitsKey", "resources.claims", "mediumValue",
            "fsGroup", "supplementalGroups", "runtimeClassName", "resourceClaims", "terminationGracePeriodSeconds of the probe",
        })
        {
            Assert.True(notes.Contains(reported, StringComparison.Ordinal), $"Pod namespaceValue/nameValue: expected a note about {reported}; notes were:\n{notes}");
        }
    }

    private static V1Pod Fixture() =>
        KubernetesJson.Deserialize<V1Pod>(File.ReadAllText(SharedFolder.Path("fixtures", "k8s-api-testdata", "core.v1.Pod.json")));

    /// <summary>The fixture with the least changed to make it a pod the API server would accept and ECI could run.</summary>
    private static V1Pod RunnableFixture()
    {
        JsonObject json = JsonNode.Parse(File.ReadAllText(SharedFolder.Path("fixtures", "k8s-api-testdata", "core.v1.Pod.json")))!.AsObject();
        JsonObject spec = json["spec"]!.AsObject();
        spec["hostNetwork"] = false;
        spec["hostPID"] = false;
        spec["hostIPC"] = false;
        spec["restartPolicy"] = "Always";
        spec["dnsPolicy"] = "None";
        spec["setHostnameAsFQDN"] = true;
        spec["os"] = null;

        // One volume per source; hostPath, PVCs and the other unsupported sources left out (tested elsewhere).
        JsonObject all = spec["volumes"]![0]!.AsObject();
        JsonArray volumes = [];
        foreach (string source in new[] { "emptyDir", "secret", "nfs", "configMap", "projected", "downwardAPI", "flexVolume" })
        {
            volumes.Add(new JsonObject { ["name"] = source, [source] = all[source]!.DeepClone() });
        }

        JsonObject projection = volumes[4]!["projected"]!["sources"]![0]!.AsObject();
        volumes[4]!["projected"]!["sources"] = new JsonArray(
            new JsonObject { ["secret"] = projection["secret"]!.DeepClone() },
            new JsonObject { ["downwardAPI"] = projection["downwardAPI"]!.DeepClone() },
            new JsonObject { ["configMap"] = projection["configMap"]!.DeepClone() },
            new JsonObject { ["serviceAccountToken"] = projection["serviceAccountToken"]!.DeepClone() });
        volumes[6]!["flexVolume"]!.AsObject().Remove("secretRef");
        spec["volumes"] = volumes;

        foreach (JsonNode? container in spec["containers"]!.AsArray().Concat(spec["initContainers"]!.AsArray()))
        {
            Runnable(container!.AsObject());
        }

        string text = json.ToJsonString()
            .Replace("\"fieldPathValue\"", "\"metadata.name\"", StringComparison.Ordinal)
            .Replace("\"protocolValue\"", "\"TCP\"", StringComparison.Ordinal)
            .Replace("\"portValue\"", "8080", StringComparison.Ordinal)
            .Replace("\"resourceValue\"", "\"limits.cpu\"", StringComparison.Ordinal);
        return KubernetesJson.Deserialize<V1Pod>(text);
    }

    private static void Runnable(JsonObject container)
    {
        container["securityContext"]!["privileged"] = false;
        container.Remove("volumeDevices");
        container.Remove("restartPolicy");

        // fileKeyRef is newer than the client's model; valueFrom then resolves its first source, fieldRef.
        foreach (JsonNode? env in container["env"]!.AsArray())
        {
            env!["valueFrom"]!.AsObject().Remove("fileKeyRef");
        }
    }
}
