using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

using static OrleansEci.Emulators.Kube.Kubectl.Tests.Support.TableText;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Reads;

/// <summary>
/// <c>kubectl get</c> of nodes, events, namespaces, services, config maps, secrets, service accounts, leases and
/// webhook configurations prints the columns kube-apiserver's printers define. The clock is fake and not advanced
/// unless a test says so, so ages are exact.
/// </summary>
public sealed class KindTableTests(FakeClockCluster cluster) : IClassFixture<FakeClockCluster>
{
    [Fact]
    public async Task GetNodes_RoleLabelsAndCordon_PrintRolesAndSchedulingDisabled()
    {
        await cluster.CreateAsync("", "nodes", null, """
            {"metadata":{"name":"vk-a","labels":{"node-role.kubernetes.io/control-plane":"","kubernetes.io/role":"agent"}},"spec":{"unschedulable":true}}
            """);
        await cluster.SetStatusAsync("", "nodes", null, "vk-a", """
            {"conditions":[{"type":"Ready","status":"True"}],"addresses":[{"type":"InternalIP","address":"10.0.0.5"},{"type":"Hostname","address":"vk-a"}],
             "nodeInfo":{"kubeletVersion":"v1.30.0-orleans-eci","osImage":"Alibaba Cloud Linux","kernelVersion":"5.10.134","containerRuntimeVersion":"containerd://1.6.0",
               "machineID":"","systemUUID":"","bootID":"","kubeProxyVersion":"","operatingSystem":"linux","architecture":"amd64"}}
            """);
        await cluster.CreateAsync("", "nodes", null, """{"metadata":{"name":"vk-b"}}""");
        await cluster.SetStatusAsync("", "nodes", null, "vk-b", """{"conditions":[{"type":"Ready","status":"False"}]}""");

        var output = (await cluster.RunAsync("get", "nodes", "-o", "wide")).Succeeded();

        Assert.Equal(["NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"], Header(output));
        Assert.Equal(["vk-a", "Ready,SchedulingDisabled", "agent,control-plane", "0s", "v1.30.0-orleans-eci", "10.0.0.5", "<none>",
            "Alibaba Cloud Linux", "5.10.134", "containerd://1.6.0"], Row(output, "vk-a"));
        // VERSION is empty (no nodeInfo), which kubectl prints as blank padding.
        Assert.Equal(["vk-b", "NotReady", "<none>", "0s", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"], Row(output, "vk-b"));
    }

    [Fact]
    public async Task GetEvents_KubeletEvent_PrintsLastSeenTypeReasonObjectMessage()
    {
        var ns = await cluster.NewNamespaceAsync();
        var now = cluster.Clock.GetUtcNow();
        var first = Time.Rfc3339(now.AddMinutes(-10));
        var last = Time.Rfc3339(now.AddMinutes(-5));
        await cluster.CreateAsync("", "events", ns, $$$"""
            {"metadata":{"name":"web.1"},"involvedObject":{"kind":"Pod","name":"web","namespace":"{{{ns}}}","fieldPath":"spec.containers{nginx}"},
             "reason":"Pulled","message":"Container image \"nginx:1.27\" already present","type":"Normal","count":3,
             "firstTimestamp":"{{{first}}}","lastTimestamp":"{{{last}}}","source":{"component":"kubelet","host":"vk-a"}}
            """);

        var output = (await cluster.RunAsync("get", "events", "-n", ns)).Succeeded();
        var wide = (await cluster.RunAsync("get", "events", "-n", ns, "-o", "wide")).Succeeded();

        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], Header(output));
        Assert.Equal(["5m", "Normal", "Pulled", "pod/web", "Container image \"nginx:1.27\" already present"], Row(output, "pod/web", "OBJECT"));
        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"], Header(wide));
        Assert.Equal(["5m", "Normal", "Pulled", "pod/web", "spec.containers{nginx}", "kubelet, vk-a", "Container image \"nginx:1.27\" already present", "10m", "3", "web.1"],
            Row(wide, "web.1"));
    }

    [Fact]
    public async Task GetServicesConfigMapsSecrets_PrintTypePortsAndDataCounts()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "services", ns, """
            {"metadata":{"name":"web"},"spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}}
            """);
        await cluster.CreateAsync("", "configmaps", ns, """{"metadata":{"name":"cfg"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}""");
        await cluster.CreateAsync("", "secrets", ns, """{"metadata":{"name":"creds"},"type":"Opaque","data":{"password":"cGFzcw=="}}""");

        var services = (await cluster.RunAsync("get", "services", "-n", ns, "-o", "wide")).Succeeded();
        var configMaps = (await cluster.RunAsync("get", "configmaps", "-n", ns)).Succeeded();
        var secrets = (await cluster.RunAsync("get", "secrets", "-n", ns)).Succeeded();

        Assert.Equal(["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"], Header(services));
        var web = Row(services, "web");
        Assert.Equal(["web", "NodePort"], web[..2]);
        Assert.Matches(@"^10\.(9[6-9]|1[01][0-9]|12[0-7])\.\d+\.\d+$", web[2]);
        Assert.Equal("<none>", web[3]);
        Assert.Matches(@"^80:3\d{4}/TCP$", web[4]);
        Assert.Equal(["0s", "app=web"], web[5..]);
        Assert.Equal(["NAME", "DATA", "AGE"], Header(configMaps));
        Assert.Equal(["cfg", "3", "0s"], Row(configMaps, "cfg"));
        Assert.Equal(["NAME", "TYPE", "DATA", "AGE"], Header(secrets));
        Assert.Equal(["creds", "Opaque", "1", "0s"], Row(secrets, "creds"));
    }

    [Fact]
    public async Task GetNamespacesServiceAccountsLeasesWebhooks_PrintTheirColumns()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("coordination.k8s.io", "leases", ns, """{"metadata":{"name":"vk-a"},"spec":{"holderIdentity":"vk-a","leaseDurationSeconds":40}}""");
        await cluster.CreateAsync("admissionregistration.k8s.io", "mutatingwebhookconfigurations", null, """
            {"metadata":{"name":"eci-profile"},"webhooks":[{"name":"profile.eci.example.com","clientConfig":{"url":"https://127.0.0.1:1/mutate"},
              "rules":[{"operations":["CONNECT"],"apiGroups":[""],"apiVersions":["v1"],"resources":["nodes/proxy"]}],
              "failurePolicy":"Ignore","sideEffects":"None","admissionReviewVersions":["v1"]}]}
            """);

        var namespaces = (await cluster.RunAsync("get", "namespace", ns)).Succeeded();
        var accounts = (await cluster.RunAsync("get", "serviceaccounts", "-n", ns)).Succeeded();
        var leases = (await cluster.RunAsync("get", "leases", "-n", ns)).Succeeded();
        var webhooks = (await cluster.RunAsync("get", "mutatingwebhookconfigurations")).Succeeded();

        Assert.Equal(["NAME", "STATUS", "AGE"], Header(namespaces));
        Assert.Equal([ns, "Active", "0s"], Row(namespaces, ns));
        Assert.Equal(["NAME", "SECRETS", "AGE"], Header(accounts));
        Assert.Equal(["default", "0", "0s"], Row(accounts, "default"));
        Assert.Equal(["NAME", "HOLDER", "AGE"], Header(leases));
        Assert.Equal(["vk-a", "vk-a", "0s"], Row(leases, "vk-a"));
        Assert.Equal(["NAME", "WEBHOOKS", "AGE"], Header(webhooks));
        Assert.Equal(["eci-profile", "1", "0s"], Row(webhooks, "eci-profile"));
    }

    [Fact]
    public async Task GetAnything_AfterTime_PrintsHumanAges()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "configmaps", ns, """{"metadata":{"name":"old"}}""");
        cluster.Clock.Advance(TimeSpan.FromHours(50));

        var output = (await cluster.RunAsync("get", "configmaps", "old", "-n", ns)).Succeeded();

        Assert.Equal(["old", "0", "2d2h"], Row(output, "old"));
    }
}
