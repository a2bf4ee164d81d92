using k8s.Models;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>A container as ECI reported it, already in Kubernetes terms; either source (status poller or full group) reads into this.</summary>
internal sealed record ObservedContainer(
    string? Image,
    string? ImageId,
    bool? Ready,
    bool? Started,
    int RestartCount,
    V1ContainerState State,
    V1ContainerState? LastState);
