namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>A pod bound to a node, as the scheduler's cache counts it against that node.</summary>
internal sealed record PodEntry(string Uid, string NodeName, ResourceSet Requests, ResourceSet NonZeroRequests, IReadOnlyList<HostPort> HostPorts);
