using System.Net;

using k8s.Autorest;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Services;

/// <summary>ClusterIP and NodePort allocation from the service CIDR.</summary>
public sealed class ServiceTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Create_Service_GetsAClusterIpInTheServiceCidrAndDefaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("svc");
        var service = await _kube.Client.CoreV1.CreateNamespacedServiceAsync(Web("web"), ns, cancellationToken: ct);
        var ip = IPAddress.Parse(service.Spec.ClusterIP);
        Assert.True(IPNetwork.Parse("10.96.0.0/12").Contains(ip), $"expected a ClusterIP in 10.96.0.0/12, got {ip}");
        Assert.Equal([service.Spec.ClusterIP], service.Spec.ClusterIPs);
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal("TCP", service.Spec.Ports[0].Protocol);
        Assert.Equal("80", service.Spec.Ports[0].TargetPort.Value);
        Assert.Equal("None", service.Spec.SessionAffinity);
    }

    [Fact]
    public async Task Create_TwoServices_GetDifferentIpsAndTheKubernetesServiceHasTheFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("svc");
        var a = await _kube.Client.CoreV1.CreateNamespacedServiceAsync(Web("a"), ns, cancellationToken: ct);
        var b = await _kube.Client.CoreV1.CreateNamespacedServiceAsync(Web("b"), ns, cancellationToken: ct);
        Assert.NotEqual(a.Spec.ClusterIP, b.Spec.ClusterIP);
        var kubernetes = await _kube.Client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default", cancellationToken: ct);
        Assert.Equal("10.96.0.1", kubernetes.Spec.ClusterIP);
    }

    [Fact]
    public async Task Create_RequestedIpTaken_Returns422()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("svc");
        var taken = Web("dup");
        taken.Spec.ClusterIP = "10.96.0.1";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.CreateNamespacedServiceAsync(taken, ns, cancellationToken: ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("provided IP is already allocated", error.Response.Content);
    }

    [Fact]
    public async Task Delete_Service_ReleasesItsIp()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("svc");
        var first = await _kube.Client.CoreV1.CreateNamespacedServiceAsync(Web("x"), ns, cancellationToken: ct);
        await _kube.Client.CoreV1.DeleteNamespacedServiceAsync("x", ns, cancellationToken: ct);
        var again = Web("y");
        again.Spec.ClusterIP = first.Spec.ClusterIP;
        var reused = await _kube.Client.CoreV1.CreateNamespacedServiceAsync(again, ns, cancellationToken: ct);
        Assert.Equal(first.Spec.ClusterIP, reused.Spec.ClusterIP);
    }

    [Fact]
    public async Task Create_NodePortService_GetsANodePort()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("svc");
        var service = Web("np");
        service.Spec.Type = "NodePort";
        var created = await _kube.Client.CoreV1.CreateNamespacedServiceAsync(service, ns, cancellationToken: ct);
        Assert.InRange(created.Spec.Ports[0].NodePort ?? 0, 30000, 32767);
    }

    [Fact]
    public async Task Create_HeadlessService_KeepsNone()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("svc");
        var service = Web("headless");
        service.Spec.ClusterIP = "None";
        var created = await _kube.Client.CoreV1.CreateNamespacedServiceAsync(service, ns, cancellationToken: ct);
        Assert.Equal("None", created.Spec.ClusterIP);
    }

    [Fact]
    public async Task Create_ServiceWithUppercaseName_Returns422Dns1035()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("svc");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _kube.Client.CoreV1.CreateNamespacedServiceAsync(Web("1web"), ns, cancellationToken: ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("a DNS-1035 label must consist of lower case alphanumeric characters", error.Response.Content);
    }

    private static V1Service Web(string name) => new()
    {
        Metadata = new() { Name = name },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }], Selector = new Dictionary<string, string> { ["app"] = name } },
    };
}
