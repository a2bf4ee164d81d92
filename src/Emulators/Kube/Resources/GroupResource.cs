namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>A resource named with its API group, printed as kube-apiserver prints it: <c>pods</c>, <c>deployments.apps</c>.</summary>
public readonly record struct GroupResource(string Group, string Resource)
{
    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
