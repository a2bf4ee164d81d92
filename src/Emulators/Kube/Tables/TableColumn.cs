namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>
/// One column of a <c>meta.k8s.io Table</c> (<c>TableColumnDefinition</c>). kubectl prints <see cref="Name"/> upper-cased
/// as the header; <see cref="Priority"/> 0 columns always, 1 only with <c>-o wide</c>; the <c>name</c> format marks
/// the column kubectl prefixes with <c>kind/</c> when it prints several kinds.
/// </summary>
public sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "");
