using k8s;
using k8s.Models;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Silo.Tests.Sandbox.Support;

namespace OrleansEci.Silo.Tests.Deploy;

/// <summary>
/// <c>deploy/</c> as a user gets it: <c>kubectl kustomize deploy/overlays/example</c>, applied with the real kubectl to the
/// local API server, and the rendered objects checked for what issue 7 asks (3 silos, downward API, probes, PDB,
/// Services, least-privilege RBAC).
/// </summary>
public sealed class DeployManifestsTests
{
    private const string Overlay = "deploy/overlays/example";

    /// <summary>
    /// Every API call the runtime makes (src/Grains, src/KubeletApi), as RBAC rules "group resource verbs [names]".
    /// A rule added to deploy/ without a caller, or a call without its rule, fails <see cref="Render_Rbac_GrantsExactlyTheCallsTheRuntimeMakes"/>.
    /// </summary>
    private static readonly string[] ClusterRules =
    [
        " pods get,list,watch,patch,delete",
        " pods/status patch",
        " nodes get,create,update",
        " nodes/status patch",
        " events create",
        " configmaps,secrets get",
        " namespaces get,list,watch",
        " serviceaccounts/token create",
        "authentication.k8s.io tokenreviews create",
        "authorization.k8s.io subjectaccessreviews create",
        "admissionregistration.k8s.io mutatingwebhookconfigurations create",
        "admissionregistration.k8s.io mutatingwebhookconfigurations get,update vk-webhook",
    ];

    private static readonly string[] LeaseRules = ["coordination.k8s.io leases get,create,update"];

    private static readonly string[] ProfileRules = [" configmaps list,watch eci-profile"];

    private static readonly string[] WebhookCaRules = [" secrets create"];

    private static string Rendered()
    {
        KubectlBinary.Require();
        var result = new KubectlSession("default", "/dev/null", ReadmeCommands.RepositoryRoot())
            .RunAsync("kustomize", Overlay).GetAwaiter().GetResult();
        return result.Succeeded();
    }

    private static List<object> Objects() => KubernetesYaml.LoadAllFromString(Rendered());

    private static T Single<T>(List<object> objects, string name) where T : IKubernetesObject<V1ObjectMeta>
    {
        var matches = objects.OfType<T>().Where(o => o.Metadata.Name == name).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one {typeof(T).Name} '{name}' in {Overlay}; found {matches.Count}.");
        return matches[0];
    }

    private static string Describe(V1PolicyRule r) =>
        $"{string.Join(',', r.ApiGroups ?? [])} {string.Join(',', r.Resources ?? [])} {string.Join(',', r.Verbs)}"
        + (r.ResourceNames is { Count: > 0 } names ? " " + string.Join(',', names) : "");

    [Fact]
    public async Task Apply_ExampleOverlay_AcceptedByTheApiServerWithEveryObjectStored()
    {
        string yaml = Rendered();
        await using var kube = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "deploy-test-token" },
            services => services.AddSingleton<IResourceTypeSource, RbacAndPolicyResources>(), cancellationToken: TestContext.Current.CancellationToken);
        string work = Directory.CreateTempSubdirectory("orleans-eci-deploy-").FullName;
        try
        {
            string kubeconfig = Path.Combine(work, "kubeconfig");
            string manifests = Path.Combine(work, "rendered.yaml");
            await File.WriteAllTextAsync(manifests, yaml, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(kubeconfig, kube.Kubeconfig(), TestContext.Current.CancellationToken);
            var kubectl = new KubectlSession("default", kubeconfig, work);

            string applied = (await kubectl.RunAsync("apply", "-f", manifests)).Succeeded();

            foreach (var o in KubernetesYaml.LoadAllFromString(yaml).Cast<IKubernetesObject<V1ObjectMeta>>())
            {
                // kubectl names objects kind.group/name (role.rbac.authorization.k8s.io/x), core ones kind/name.
                string what = $"{o.Kind.ToLowerInvariant()}.{o.ApiGroup()}".TrimEnd('.') + "/" + o.Metadata.Name;
                Assert.True(applied.Contains(what + " created", StringComparison.Ordinal), $"Expected `kubectl apply` to create {what}; it said:\n{applied}");
                string[] ns = o.Metadata.NamespaceProperty is { } n ? ["-n", n] : [];
                string got = (await kubectl.RunAsync(["get", what, .. ns, "-o", "name"])).Succeeded();
                Assert.True(got.Trim() == what, $"Expected `kubectl get {what}` to find it after apply; it answered: {got}");
            }

            string again = (await kubectl.RunAsync("apply", "-f", manifests)).Succeeded();
            Assert.True(!again.Contains("created", StringComparison.Ordinal) && !again.Contains("configured", StringComparison.Ordinal),
                $"Expected a second `kubectl apply` of the same manifests to change nothing; it said:\n{again}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Render_Rbac_GrantsExactlyTheCallsTheRuntimeMakes()
    {
        var objects = Objects();

        var cluster = Single<V1ClusterRole>(objects, "orleans-eci").Rules.Select(Describe).ToArray();
        var leases = Single<V1Role>(objects, "orleans-eci-node-leases");

        Assert.Equal(ClusterRules, cluster);
        Assert.Equal("kube-node-lease", leases.Metadata.NamespaceProperty);
        Assert.Equal(LeaseRules, leases.Rules.Select(Describe).ToArray());
        var profile = Single<V1Role>(objects, "orleans-eci-profile");
        Assert.Equal("kube-system", profile.Metadata.NamespaceProperty);
        Assert.Equal(ProfileRules, profile.Rules.Select(Describe).ToArray());
        var webhookCa = Single<V1Role>(objects, "orleans-eci-webhook-ca");
        Assert.Equal("orleans-eci", webhookCa.Metadata.NamespaceProperty);
        Assert.Equal(WebhookCaRules, webhookCa.Rules.Select(Describe).ToArray());
        Assert.Equal(4, objects.OfType<V1ClusterRole>().Count() + objects.OfType<V1Role>().Count());
    }

    [Fact]
    public void Render_Rbac_NoWildcardAndNoClusterAdmin()
    {
        var objects = Objects();
        var rules = objects.OfType<V1ClusterRole>().SelectMany(r => r.Rules.Select(x => (r.Metadata.Name, x)))
            .Concat(objects.OfType<V1Role>().SelectMany(r => r.Rules.Select(x => (r.Metadata.Name, x))));

        foreach (var (role, rule) in rules)
        {
            string[] all = [.. rule.ApiGroups ?? [], .. rule.Resources ?? [], .. rule.Verbs, .. rule.ResourceNames ?? [], .. rule.NonResourceURLs ?? []];
            Assert.True(!all.Any(v => v.Contains('*', StringComparison.Ordinal)), $"Expected no '*' in role {role}; rule: {Describe(rule)}");
        }

        var refs = objects.OfType<V1ClusterRoleBinding>().Select(b => b.RoleRef.Name).Concat(objects.OfType<V1RoleBinding>().Select(b => b.RoleRef.Name));
        Assert.All(refs, r => Assert.True(r is not ("cluster-admin" or "admin" or "edit"), $"Expected no binding to the built-in role {r}"));
        Assert.All(objects.OfType<V1ClusterRoleBinding>().SelectMany(b => b.Subjects).Concat(objects.OfType<V1RoleBinding>().SelectMany(b => b.Subjects)),
            s => Assert.Equal(("ServiceAccount", "orleans-eci", "orleans-eci"), (s.Kind, s.Name, s.NamespaceProperty)));
    }

    [Fact]
    public void Render_Deployment_ThreeSpreadSilosWithDownwardApiAndProbes()
    {
        var objects = Objects();
        var deployment = Single<V1Deployment>(objects, "orleans-eci");
        var pod = deployment.Spec.Template.Spec;
        var silo = Assert.Single(pod.Containers);

        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("orleans-eci", pod.ServiceAccountName);
        Assert.NotEmpty(pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        var fields = silo.Env.Where(e => e.ValueFrom?.FieldRef is not null).ToDictionary(e => e.Name, e => e.ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", fields.GetValueOrDefault("POD_IP"));
        Assert.Equal("metadata.name", fields.GetValueOrDefault("POD_NAME"));
        Assert.Equal("metadata.namespace", fields.GetValueOrDefault("POD_NAMESPACE"));
        Assert.Equal(("/readyz", "/healthz"), (silo.ReadinessProbe.HttpGet.Path, silo.LivenessProbe.HttpGet.Path));
        Assert.Equal("registry.cn-hangzhou.aliyuncs.com/orleans-eci/orleans-eci:0.1.0", silo.Image);

        var config = Single<V1ConfigMap>(objects, "orleans-eci-config").Data;
        Assert.Equal("Redis", config["Orleans__ClusteringMode"]);
        var ca = Assert.Single(pod.Volumes, v => v.ConfigMap?.Name == "kube-root-ca.crt");
        string caDirectory = Assert.Single(silo.VolumeMounts, m => m.Name == ca.Name).MountPath;
        Assert.Equal(caDirectory + "/ca.crt", config["KubeletApi__ClientCaPath"]);
        Assert.Contains(silo.EnvFrom, e => e.SecretRef?.Name == "orleans-eci-redis");
        Assert.True(Single<V1Secret>(objects, "orleans-eci-redis").Data.ContainsKey("Orleans__Redis__ConnectionString"),
            "Expected the Redis Secret to carry Orleans__Redis__ConnectionString, the key the silo reads");
        Assert.Equal(["ECI_ACCESS_KEY", "ECI_SECRET_KEY"], Single<V1Secret>(objects, "orleans-eci-accesskey").Data.Keys.Order());
        Assert.Equal("kube-system", Single<V1ConfigMap>(objects, "eci-profile").Metadata.NamespaceProperty);
        Assert.Equal("true", config["WEBHOOK"]);
        Assert.Equal("orleans-eci-webhook-ca", config["Webhook__CaSecretName"]);
        var webhook = Single<V1Service>(objects, config["Webhook__Configuration__ServiceName"]);
        Assert.Equal(config["Webhook__Configuration__ServiceNamespace"], webhook.Metadata.NamespaceProperty);
        var webhookPort = Assert.Single(silo.Ports, p => p.Name == webhook.Spec.Ports.Single().TargetPort.Value);
        Assert.Equal(config["Webhook__Port"], webhookPort.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Render_ServicesAndBudget_SelectTheSilosAndNamedPorts()
    {
        var objects = Objects();
        var template = Single<V1Deployment>(objects, "orleans-eci").Spec.Template;
        var labels = template.Metadata.Labels;
        var ports = template.Spec.Containers.Single().Ports.Select(p => p.Name).ToHashSet();
        bool Selects(IDictionary<string, string> selector) => selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

        var webhook = Single<V1Service>(objects, "orleans-eci-webhook");
        var https = Assert.Single(webhook.Spec.Ports);
        Assert.Equal(443, https.Port);
        foreach (var service in objects.OfType<V1Service>())
        {
            Assert.True(Selects(service.Spec.Selector), $"Expected Service {service.Metadata.Name} to select the silo pods ({string.Join(',', labels)})");
            Assert.All(service.Spec.Ports, p => Assert.True(ports.Contains(p.TargetPort.Value), $"Expected Service {service.Metadata.Name} port {p.Name} to target a named container port; {p.TargetPort.Value} is not one of {string.Join(',', ports)}"));
        }

        var budget = Single<V1PodDisruptionBudget>(objects, "orleans-eci");
        Assert.True(Selects(budget.Spec.Selector.MatchLabels), "Expected the PodDisruptionBudget to select the silo pods");
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
    }
}
