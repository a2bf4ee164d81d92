using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>
/// Prints one resource type as Table rows, as kube-apiserver's printers do (pkg/printers/internalversion/printers.go:
/// https://github.com/kubernetes/kubernetes/blob/master/pkg/printers/internalversion/printers.go). The server always
/// prints the wide form; kubectl hides priority-1 columns unless <c>-o wide</c>.
/// A feature can give its own type a printer with <c>type.Features.Set&lt;ITablePrinter&gt;(printer)</c>.
/// </summary>
public interface ITablePrinter
{
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The row for <paramref name="obj"/> (the stored object), with ages computed against <paramref name="now"/>.</summary>
    TableRow Print(JsonElement obj, DateTimeOffset now);
}
