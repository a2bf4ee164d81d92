namespace OrleansEci.Eci.ContainerGroups;

/// <summary>An environment value taken from the pod, <c>FieldRef.FieldPath</c> (e.g. <c>status.podIP</c>).</summary>
public sealed record FieldReference(string FieldPath);
