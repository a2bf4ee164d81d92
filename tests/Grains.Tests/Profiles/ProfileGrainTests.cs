using System.Net;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Grains.Profiles;
using OrleansEci.Grains.Tests.Runtime;
using OrleansEci.Profiles;

namespace OrleansEci.Grains.Tests.Profiles;

/// <summary>
/// The live eci-profile against the local API server, on fake time: a ConfigMap version reaches every silo's cache
/// without a restart, a broken one leaves the last good profile in force and is reported on the ConfigMap, and a deleted
/// one brings the defaults back.
/// </summary>
public sealed class ProfileGrainTests
{
    private const string SecurityGroup = "sg-profile1";

    [Fact]
    public async Task HotReload_ValidThenMalformedThenDeleted_LastGoodStaysAndDefaultsReturn()
    {
        await using var runtime = await RuntimeFixture.StartAsync();
        IEciProfileSource cache = Cache(runtime);
        await EnsureKubeSystemAsync(runtime.Client);
        Assert.True(cache.Current.SelectorsAreDefault, "Expected the default profile while kube-system/eci-profile does not exist");

        await runtime.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(new()
        {
            [EciProfileKeys.VSwitchIds] = "vsw-a1,vsw-b2",
            [EciProfileKeys.SecurityGroupId] = SecurityGroup,
            [EciProfileKeys.Selectors] = """[{"name":"gpu","objectSelector":{"matchLabels":{"app":"gpu"}}}]""",
        }), EciProfileKeys.ConfigMapNamespace, cancellationToken: TestContext.Current.CancellationToken);
        EciProfile applied = await runtime.EventuallyAsync("the created eci-profile in the silo's cache",
            () => Task.FromResult(cache.Current), p => p.SecurityGroupId == SecurityGroup);
        Assert.Equal(["vsw-a1", "vsw-b2"], applied.VSwitchIds);
        Assert.Equal("gpu", Assert.Single(applied.Selectors).Name);

        V1ConfigMap current = await runtime.Client.CoreV1.ReadNamespacedConfigMapAsync(EciProfileKeys.ConfigMapName, EciProfileKeys.ConfigMapNamespace,
            cancellationToken: TestContext.Current.CancellationToken);
        current.Data[EciProfileKeys.VSwitchIds] = "vsw-a1,not-a-vswitch";
        await runtime.Client.CoreV1.ReplaceNamespacedConfigMapAsync(current, EciProfileKeys.ConfigMapName, EciProfileKeys.ConfigMapNamespace,
            cancellationToken: TestContext.Current.CancellationToken);
        IReadOnlyList<Corev1Event> events = await runtime.EventuallyAsync("a Warning event on kube-system/eci-profile for the malformed vSwitchIds",
            () => ProfileEventsAsync(runtime.Client), e => e.Count > 0);
        Corev1Event refusal = Assert.Single(events);
        Assert.Equal("Warning", refusal.Type);
        Assert.Equal("ConfigMap", refusal.InvolvedObject.Kind);
        Assert.Contains("vSwitchIds", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("not-a-vswitch", refusal.Message, StringComparison.Ordinal);
        await runtime.AdvanceAsync(TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(500));
        Assert.True(cache.Current.SecurityGroupId == SecurityGroup && cache.Current.VSwitchIds.SequenceEqual(["vsw-a1", "vsw-b2"]),
            $"Expected the last good profile (vsw-a1,vsw-b2) to stay in force after a malformed version; the cache has {string.Join(",", cache.Current.VSwitchIds)}");
        ProfileSnapshot snapshot = await runtime.Grains.GetGrain<IProfileGrain>(RuntimeFixture.ClusterId).GetProfile(Guid.Empty, 0);
        Assert.Contains("not-a-vswitch", snapshot.Problem ?? "", StringComparison.Ordinal);

        await runtime.Client.CoreV1.DeleteNamespacedConfigMapAsync(EciProfileKeys.ConfigMapName, EciProfileKeys.ConfigMapNamespace,
            cancellationToken: TestContext.Current.CancellationToken);
        EciProfile defaults = await runtime.EventuallyAsync("the default profile after kube-system/eci-profile was deleted",
            () => Task.FromResult(cache.Current), p => p.SelectorsAreDefault);
        Assert.Empty(defaults.VSwitchIds);
        Assert.Null(defaults.SecurityGroupId);
    }

    [Fact]
    public async Task Watch_AfterCompactionAndWatchTimeout_KeepsFollowing()
    {
        await using var runtime = await RuntimeFixture.StartAsync();
        IEciProfileSource cache = Cache(runtime);
        await EnsureKubeSystemAsync(runtime.Client);
        await runtime.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(new() { [EciProfileKeys.SecurityGroupId] = SecurityGroup }),
            EciProfileKeys.ConfigMapNamespace, cancellationToken: TestContext.Current.CancellationToken);
        await runtime.EventuallyAsync("the created eci-profile in the silo's cache", () => Task.FromResult(cache.Current), p => p.SecurityGroupId == SecurityGroup);

        // As etcd compaction does: every version the watch could resume from is gone; six minutes outlive the watch's
        // timeout. Whatever path the watch takes (resume, or 410 and a new list), later edits must keep arriving. (This
        // does not prove the 410 branch itself is taken; the local API server's open watch may simply carry on.)
        runtime.Kube.Store.CompleteRestore(runtime.Kube.Store.CurrentResourceVersion + 100);
        await runtime.AdvanceAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(10));
        V1ConfigMap current = await runtime.Client.CoreV1.ReadNamespacedConfigMapAsync(EciProfileKeys.ConfigMapName, EciProfileKeys.ConfigMapNamespace,
            cancellationToken: TestContext.Current.CancellationToken);
        current.Data[EciProfileKeys.SecurityGroupId] = "sg-after410";
        await runtime.Client.CoreV1.ReplaceNamespacedConfigMapAsync(current, EciProfileKeys.ConfigMapName, EciProfileKeys.ConfigMapNamespace,
            cancellationToken: TestContext.Current.CancellationToken);

        EciProfile after = await runtime.EventuallyAsync("the eci-profile edited after compaction in the silo's cache",
            () => Task.FromResult(cache.Current), p => p.SecurityGroupId == "sg-after410");
        Assert.Equal("sg-after410", after.SecurityGroupId);
    }

    [Fact]
    public async Task GetProfile_KnownVersion_AnswersUnchangedWithoutData()
    {
        await using var runtime = await RuntimeFixture.StartAsync();
        await EnsureKubeSystemAsync(runtime.Client);
        await runtime.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(new() { [EciProfileKeys.SecurityGroupId] = SecurityGroup }),
            EciProfileKeys.ConfigMapNamespace, cancellationToken: TestContext.Current.CancellationToken);
        IProfileGrain grain = runtime.Grains.GetGrain<IProfileGrain>(RuntimeFixture.ClusterId);
        ProfileSnapshot first = await runtime.EventuallyAsync("the profile grain to hold the created ConfigMap",
            () => grain.GetProfile(Guid.Empty, 0), s => s.Data?.ContainsKey(EciProfileKeys.SecurityGroupId) == true);

        ProfileSnapshot again = await grain.GetProfile(first.Activation, first.Version);

        Assert.True(again.Unchanged, "Expected an unchanged answer for the version the caller already has");
        Assert.Null(again.Data);
        Assert.Equal(first.Version, again.Version);
    }

    private static IEciProfileSource Cache(RuntimeFixture runtime) =>
        runtime.Cluster.GetSiloServiceProvider(runtime.Cluster.Silos[0].SiloAddress).GetRequiredService<IEciProfileSource>();

    private static V1ConfigMap ConfigMap(Dictionary<string, string> data) => new()
    {
        Metadata = new V1ObjectMeta { Name = EciProfileKeys.ConfigMapName, NamespaceProperty = EciProfileKeys.ConfigMapNamespace },
        Data = data,
    };

    private static async Task<IReadOnlyList<Corev1Event>> ProfileEventsAsync(IKubernetes client) =>
        [.. (await client.CoreV1.ListNamespacedEventAsync(EciProfileKeys.ConfigMapNamespace, fieldSelector: "involvedObject.name=" + EciProfileKeys.ConfigMapName))
            .Items.Where(e => e.Reason == ProfileWatch.InvalidReason)];

    private static async Task EnsureKubeSystemAsync(IKubernetes client)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = EciProfileKeys.ConfigMapNamespace } });
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }
}
