namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>A <c>TableRowCondition</c>, e.g. the <c>Completed</c> condition the pod printer sets on finished pods.</summary>
public sealed record TableRowCondition(string Type, string Status, string Reason, string Message);
