using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Controllers.GarbageCollection;

/// <summary>One unit of garbage-collector work: an object (by type, namespace, name and UID) to check or to orphan from.</summary>
public sealed record GcItem(GcAction Action, ResourceType Type, string? Namespace, string Name, string Uid)
{
    public override string ToString() => $"{Action} {Type} {Namespace}/{Name} ({Uid})";
}
