namespace OrleansEci.Grains.Pods.Status;

/// <summary>One container of a pod's spec, as much as its status needs: the name it is reported under and its image.</summary>
public sealed record ContainerShape(string Name, string Image);
