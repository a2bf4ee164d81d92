namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>
/// The cells a printer computed for one object, in column order. A cell is a <see cref="string"/>, a <see cref="long"/>,
/// a <see cref="bool"/> or null, the JSON types kube-apiserver's printers put in cells.
/// </summary>
public sealed record TableRow(object?[] Cells, IReadOnlyList<TableRowCondition>? Conditions = null);
