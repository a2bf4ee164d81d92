using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Tests.Storage;

/// <summary>The store on its own: versions, optimistic commits, no-op writes, export and restore.</summary>
public sealed class ObjectStoreTests
{
    private static readonly ResourceType ConfigMaps = new ResourceTypeBuilder("", "v1", "configmaps", "ConfigMap", true).Build();

    [Fact]
    public void TryReplace_StaleExpected_ReturnsNullAndKeepsTheNewer()
    {
        var store = new ObjectStore(new ObjectStoreOptions());
        var first = store.Create(ConfigMaps, Map("a", "1"));
        var second = store.TryReplace(ConfigMaps, first, Map("a", "2"))!;
        Assert.Null(store.TryReplace(ConfigMaps, first, Map("a", "3")));
        Assert.Same(second, store.Get(ConfigMaps, "ns", "a"));
        Assert.True(second.ResourceVersion > first.ResourceVersion);
    }

    [Fact]
    public void TryReplace_SameBytes_IsNotWritten()
    {
        var store = new ObjectStore(new ObjectStoreOptions());
        var first = store.Create(ConfigMaps, Map("a", "1"));
        var again = first.ToJson();
        Assert.Same(first, store.TryReplace(ConfigMaps, first, again));
        Assert.Equal(first.ResourceVersion, store.CurrentResourceVersion);
    }

    [Fact]
    public void Restore_ExportedObjects_KeepTheirVersionsAndMoveTheCounter()
    {
        var source = new ObjectStore(new ObjectStoreOptions());
        source.Create(ConfigMaps, Map("a", "1"));
        var b = source.Create(ConfigMaps, Map("b", "2"));

        var target = new ObjectStore(new ObjectStoreOptions());
        foreach (var (type, obj) in source.Export())
        {
            target.Restore(type, obj.ToJson());
        }

        Assert.Equal(b.ResourceVersion, target.Get(ConfigMaps, "ns", "b")!.ResourceVersion);
        Assert.Equal(b.ResourceVersion, target.CurrentResourceVersion);
        var next = target.TryReplace(ConfigMaps, target.Get(ConfigMaps, "ns", "b")!, Map("b", "3"))!;
        Assert.True(next.ResourceVersion > b.ResourceVersion);
    }

    private static JsonObject Map(string name, string value) => new()
    {
        ["kind"] = "ConfigMap",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" },
        ["data"] = new JsonObject { ["v"] = value },
    };
}
