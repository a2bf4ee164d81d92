using k8s.Models;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

public sealed class PodMapperEnvironmentTests
{
    [Fact]
    public void Map_EnvValuesAndFieldRefs_ResolvedOrPassedToEci()
    {
        V1Container container = PodFixtures.Container("app");
        container.Env =
        [
            new V1EnvVar { Name = "PLAIN", Value = "v" },
            Field("POD_NAME", "metadata.name"),
            Field("POD_NAMESPACE", "metadata.namespace"),
            Field("POD_UID", "metadata.uid"),
            Field("APP", "metadata.labels['app']"),
            Field("MISSING_LABEL", "metadata.labels['nope']"),
            Field("NODE", "spec.nodeName"),
            Field("SA", "spec.serviceAccountName"),
            Field("POD_IP", "status.podIP"),
            Field("HOST_IP", "status.hostIP"),
        ];
        var pod = PodFixtures.Simple(container: container);

        IReadOnlyList<EnvironmentVariable> env = PodFixtures.Map(pod).Request.Containers[0].EnvironmentVars!;

        Assert.Equal(
            [("PLAIN", "v", null), ("POD_NAME", "web", null), ("POD_NAMESPACE", "default", null), ("POD_UID", "uid-1", null), ("APP", "web", null),
             ("MISSING_LABEL", "", null), ("NODE", "virtual-kubelet-cn-beijing-e", null), ("SA", "default", null), ("POD_IP", null, "status.podIP"), ("HOST_IP", null, "status.hostIP")],
            env.Select(e => (e.Key, e.Value, e.FieldRef?.FieldPath)));
    }

    [Fact]
    public void Map_UnknownFieldPath_IsInvalidSpec()
    {
        V1Container container = PodFixtures.Container("app");
        container.Env = [Field("X", "metadata.generation")];

        Unsupported result = PodFixtures.Fail<Unsupported>(PodFixtures.Simple(container: container));

        Assert.Equal(MappingReasons.InvalidSpec, result.Reason);
        Assert.Contains("metadata.generation", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limits.cpu", null, "2")]
    [InlineData("limits.cpu", "1m", "1500")]
    [InlineData("requests.cpu", "1m", "250")]
    [InlineData("requests.cpu", null, "1")]
    [InlineData("limits.memory", "1Mi", "1024")]
    [InlineData("requests.memory", "1Mi", "256")]
    [InlineData("requests.memory", null, "268435456")]
    public void Map_ResourceFieldRef_DividesAndRoundsUp(string resource, string? divisor, string expected)
    {
        V1Container container = PodFixtures.Container("app");
        container.Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("256Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1500m"), ["memory"] = new("1Gi") },
        };
        container.Env = [new V1EnvVar { Name = "R", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = resource, Divisor = divisor is null ? null : new ResourceQuantity(divisor) } } }];

        string? value = PodFixtures.Map(PodFixtures.Simple(container: container)).Request.Containers[0].EnvironmentVars![0].Value;

        Assert.True(expected == value, $"Pod default/web, resourceFieldRef {resource} / {divisor ?? "1"}: expected {expected}, got {value}.");
    }

    [Fact]
    public void Map_ResourceFieldRefForOtherContainer_UsesThatContainer()
    {
        V1Container sidecar = PodFixtures.Container("sidecar");
        sidecar.Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi") } };
        V1Container app = PodFixtures.Container("app");
        app.Env = [new V1EnvVar { Name = "SIDE_MEM", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { ContainerName = "sidecar", Resource = "limits.memory", Divisor = new ResourceQuantity("1Mi") } } }];
        var pod = PodFixtures.Simple(container: app);
        pod.Spec.Containers.Add(sidecar);

        Assert.Equal("64", PodFixtures.Map(pod).Request.Containers[0].EnvironmentVars![0].Value);
    }

    [Fact]
    public void Map_ResourceFieldRefWithoutLimitOrRequest_UsesEciDefaultPerContainer()
    {
        V1Container container = PodFixtures.Container("app");
        container.Env = [new V1EnvVar { Name = "MEM", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.memory", Divisor = new ResourceQuantity("1Gi") } } }];

        Assert.Equal("2", PodFixtures.Map(PodFixtures.Simple(container: container)).Request.Containers[0].EnvironmentVars![0].Value);
    }

    [Fact]
    public void Map_ConfigMapAndSecretKeyRefs_ResolvedFromInputs()
    {
        V1Container container = PodFixtures.Container("app");
        container.Env =
        [
            new V1EnvVar { Name = "LEVEL", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "level" } } },
            new V1EnvVar { Name = "PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } } },
        ];
        PodInputs inputs = PodFixtures.Inputs([PodFixtures.ConfigMap("settings", ("level", "debug"))], [PodFixtures.Secret("db", ("password", "s3cret"))]);

        IReadOnlyList<EnvironmentVariable> env = PodFixtures.Map(PodFixtures.Simple(container: container), inputs).Request.Containers[0].EnvironmentVars!;

        Assert.Equal([("LEVEL", "debug"), ("PASSWORD", "s3cret")], env.Select(e => (e.Key, e.Value!)));
    }

    [Theory]
    [InlineData(false, false, "configmap \"settings\" not found")]
    [InlineData(false, true, "couldn't find key level in configmap default/settings")]
    public void Map_MissingRequiredConfigMapKeyRef_IsMissingInput(bool optional, bool mapExists, string expected)
    {
        V1Container container = PodFixtures.Container("app");
        container.Env = [new V1EnvVar { Name = "LEVEL", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "level", Optional = optional } } }];
        PodInputs inputs = mapExists ? PodFixtures.Inputs([PodFixtures.ConfigMap("settings", ("other", "x"))]) : PodInputs.None;

        MissingInput result = PodFixtures.Fail<MissingInput>(PodFixtures.Simple(container: container), inputs);

        Assert.Equal(MissingInput.CreateContainerConfigError, result.Reason);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_MissingRequiredSecretKeyRef_IsMissingInput()
    {
        V1Container container = PodFixtures.Container("app");
        container.Env = [new V1EnvVar { Name = "P", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } } }];

        MissingInput result = PodFixtures.Fail<MissingInput>(PodFixtures.Simple(container: container));

        Assert.Contains("secret \"db\" not found", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_MissingOptionalRefs_AreSkipped()
    {
        V1Container container = PodFixtures.Container("app");
        container.Env =
        [
            new V1EnvVar { Name = "A", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "nope", Key = "k", Optional = true } } },
            new V1EnvVar { Name = "B", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "missing", Optional = true } } },
            new V1EnvVar { Name = "C", Value = "kept" },
        ];
        container.EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "nope", Optional = true } }];

        Mapped mapped = PodFixtures.Map(PodFixtures.Simple(container: container), PodFixtures.Inputs(secrets: [PodFixtures.Secret("db", ("password", "x"))]));

        Assert.Equal(["C"], mapped.Request.Containers[0].EnvironmentVars!.Select(e => e.Key));
    }

    [Fact]
    public void Map_EnvFromWithPrefix_ComesFirstAndEnvOverrides()
    {
        V1Container container = PodFixtures.Container("app");
        container.EnvFrom =
        [
            new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "settings" }, Prefix = "CFG_" },
            new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "db" } },
        ];
        container.Env = [new V1EnvVar { Name = "CFG_LEVEL", Value = "override" }];
        PodInputs inputs = PodFixtures.Inputs([PodFixtures.ConfigMap("settings", ("LEVEL", "debug"), ("MODE", "fast"), ("bad-name", "x"))], [PodFixtures.Secret("db", ("USER", "admin"))]);

        Mapped mapped = PodFixtures.Map(PodFixtures.Simple(container: container), inputs);

        Assert.Equal([("CFG_LEVEL", "override"), ("CFG_MODE", "fast"), ("USER", "admin")], mapped.Request.Containers[0].EnvironmentVars!.Select(e => (e.Key, e.Value!)));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("CFG_bad-name", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_MissingRequiredEnvFrom_IsMissingInput()
    {
        V1Container container = PodFixtures.Container("app");
        container.EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "creds" } }];

        Assert.Contains("secret \"creds\" not found", PodFixtures.Fail<MissingInput>(PodFixtures.Simple(container: container)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_VariableReferences_ExpandedInEnvCommandAndArgs()
    {
        V1Container container = PodFixtures.Container("app");
        container.Env =
        [
            new V1EnvVar { Name = "HOST", Value = "db" },
            new V1EnvVar { Name = "URL", Value = "http://$(HOST):5432/$(UNDEFINED)/$$(HOST)" },
            Field("POD_IP", "status.podIP"),
        ];
        container.Command = ["/bin/run", "--url=$(URL)"];
        container.Args = ["--ip=$(POD_IP)", "$(HOST)"];

        ContainerDefinition mapped = PodFixtures.Map(PodFixtures.Simple(container: container)).Request.Containers[0];

        Assert.Equal("http://db:5432/$(UNDEFINED)/$(HOST)", mapped.EnvironmentVars![1].Value);
        Assert.Equal(["/bin/run", "--url=http://db:5432/$(UNDEFINED)/$(HOST)"], mapped.Command);
        Assert.Equal(["--ip=$(POD_IP)", "db"], mapped.Args);
    }

    [Fact]
    public void Expand_EscapesAndIncompleteReferences_FollowKubernetes()
    {
        var values = new Dictionary<string, string> { ["A"] = "x" };

        Assert.Equal("x$(A)$$(B", EnvironmentResolver.Expand("$(A)$$(A)$$$(B", values));
        Assert.Equal("$", EnvironmentResolver.Expand("$", values));
        Assert.Equal("$Ax", EnvironmentResolver.Expand("$A$(A)", values));
    }

    [Fact]
    public void Map_EnvNameEciRejects_IsSkippedWithNote()
    {
        V1Container container = PodFixtures.Container("app");
        container.Env = [new V1EnvVar { Name = "my.setting", Value = "1" }, new V1EnvVar { Name = "OK", Value = "2" }];

        Mapped mapped = PodFixtures.Map(PodFixtures.Simple(container: container));

        Assert.Equal(["OK"], mapped.Request.Containers[0].EnvironmentVars!.Select(e => e.Key));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("my.setting", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "KUBERNETES_SERVICE_HOST,KUBERNETES_SERVICE_PORT,DB_SERVICE_HOST,DB_SERVICE_PORT")]
    [InlineData(false, "KUBERNETES_SERVICE_HOST,KUBERNETES_SERVICE_PORT")]
    public void Map_ServiceEnvironment_FirstAndOverriddenByEnv(bool? enableServiceLinks, string expectedKeys)
    {
        V1Container container = PodFixtures.Container("app");
        container.Env = [new V1EnvVar { Name = "KUBERNETES_SERVICE_PORT", Value = "6443" }, new V1EnvVar { Name = "URL", Value = "https://$(KUBERNETES_SERVICE_HOST)" }];
        var pod = PodFixtures.Simple(container: container);
        pod.Spec.EnableServiceLinks = enableServiceLinks;
        MappingContext context = PodFixtures.Context with
        {
            KubernetesServiceEnvironment = [new("KUBERNETES_SERVICE_HOST", "10.0.0.1"), new("KUBERNETES_SERVICE_PORT", "443")],
            NamespaceServiceEnvironment = [new("DB_SERVICE_HOST", "10.0.0.9"), new("DB_SERVICE_PORT", "5432")],
        };

        IReadOnlyList<EnvironmentVariable> env = PodFixtures.Map(pod, context: context).Request.Containers[0].EnvironmentVars!;

        Assert.Equal(expectedKeys + ",URL", string.Join(',', env.Select(e => e.Key)));
        Assert.Equal("6443", env.Single(e => e.Key == "KUBERNETES_SERVICE_PORT").Value);
        Assert.Equal("https://10.0.0.1", env.Single(e => e.Key == "URL").Value);
    }

    private static V1EnvVar Field(string name, string path) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = path } } };
}
