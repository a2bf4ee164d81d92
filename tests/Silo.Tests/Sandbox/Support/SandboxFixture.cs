using k8s;
using k8s.Models;

using OrleansEci.Eci;
using OrleansEci.Eci.Configuration;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Eci.Regions;
using OrleansEci.Grains.Pods;
using OrleansEci.Silo.Sandbox;

using SandboxHost = OrleansEci.Silo.Sandbox.Sandbox;

namespace OrleansEci.Silo.Tests.Sandbox.Support;

/// <summary>
/// One sandbox for the whole collection, started as <c>sandbox --dir &lt;temp&gt;</c> starts it (the local ECI service, the
/// local API server with a regular node, one silo with two virtual nodes), with both virtual nodes Ready before any test
/// runs. Tests talk to it with the real kubectl in namespaces of their own, and look at container groups through the
/// local ECI service's own API.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    /// <summary>How long the sandbox may take to start and register both virtual nodes.</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("silo-sandbox-tests-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private SandboxHost? _sandbox;
    private EciEmulatorHost? _eciHost;
    private EciClient? _eci;
    private int _namespaces;

    internal SandboxHost Sandbox => _sandbox ?? throw new InvalidOperationException("The sandbox did not start.");

    /// <summary>A client of the sandbox's local ECI service, signed with the sandbox's own access key.</summary>
    internal EciClient Eci => _eci ?? throw new InvalidOperationException("The sandbox did not start.");

    /// <summary>The local ECI service's control API (<c>/_emulator/</c>), e.g. to crash a container.</summary>
    internal Uri EciControl => _eciHost?.ControlUri ?? throw new InvalidOperationException("The sandbox did not start.");

    /// <summary>The region the sandbox's local ECI service models (zones, vSwitches and their CIDRs).</summary>
    internal RegionOptions Region => _eciHost?.Region ?? throw new InvalidOperationException("The sandbox did not start.");

    public async ValueTask InitializeAsync()
    {
        var (options, error) = SandboxOptions.Parse(["--dir", Path.Combine(_directory, "sandbox")]);
        if (options is null)
        {
            throw new InvalidOperationException($"The sandbox's own arguments were refused: {error}");
        }

        using var limit = new CancellationTokenSource(StartLimit);
        try
        {
            _sandbox = await SandboxHost.StartAsync(options, limit.Token);
            await _sandbox.WaitForNodesAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"Expected the sandbox to start with {string.Join(" and ", SandboxHost.VirtualNodes)} Ready within "
                + $"{StartLimit.TotalSeconds} s; they were not. Its log: {Path.Combine(options.Directory, "sandbox.log")}");
        }

        _eciHost = LocalEci(_sandbox);
        AccessKeyCredential key = _eciHost.Options.AccessKeys[0];
        _eci = new EciClient(_http, new EciClientOptions
        {
            Endpoint = _eciHost.BaseUri,
            RegionId = _eciHost.Region.RegionId,
            AccessKeyId = key.Id,
            AccessKeySecret = key.Secret,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl killed by its timeout may still hold a cache file; the temp folder is left behind.
        }
    }

    /// <summary>
    /// A fresh namespace and a kubeconfig whose context points at it, so README commands run there unchanged. Skips the
    /// test when kubectl is missing.
    /// </summary>
    internal async Task<KubectlSession> NewSessionAsync(string prefix)
    {
        KubectlBinary.Require();
        string ns = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await Sandbox.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } },
            cancellationToken: TestContext.Current.CancellationToken);
        string kubeconfig = Path.Combine(_directory, $"kubeconfig-{ns}");
        File.Copy(Sandbox.KubeconfigPath, kubeconfig);
        var session = new KubectlSession(ns, kubeconfig, _directory);
        (await session.RunAsync("config", "set-context", "--current", "--namespace=" + ns)).Succeeded();
        return session;
    }

    /// <summary>The container groups of this sandbox's cluster that carry every one of <paramref name="tags"/>.</summary>
    internal async Task<IReadOnlyList<ContainerGroup>> GroupsAsync(params Tag[] tags)
    {
        var response = await Eci.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest
        {
            Tags = [.. ContainerGroupTags.ForCluster(SandboxHost.ClusterId), .. tags],
            Limit = 20,
        }, TestContext.Current.CancellationToken);
        Assert.True(response.NextToken is null or "", "Expected the groups a test looks for to fit one page of 20.");
        return response.ContainerGroups;
    }

    /// <summary>The container groups of one namespace's pods.</summary>
    internal Task<IReadOnlyList<ContainerGroup>> GroupsInNamespaceAsync(string ns) => GroupsAsync(new Tag(ContainerGroupTags.Namespace, ns));

    /// <summary>The container groups of one pod (by UID: there should be exactly one while it runs).</summary>
    internal Task<IReadOnlyList<ContainerGroup>> GroupsOfPodAsync(string uid) => GroupsAsync(new Tag(ContainerGroupTags.Uid, uid));

    private static EciEmulatorHost LocalEci(SandboxHost sandbox) => sandbox.Eci;
}
