using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary><c>kubectl get mutatingwebhookconfigurations</c> (and validating): NAME WEBHOOKS AGE (printMutatingWebhook).</summary>
internal sealed class WebhookConfigurationPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Webhooks", "integer", "Webhooks indicates the number of webhooks registered in this configuration"),
        StandardColumns.Age,
    ];

    public TableRow Print(JsonElement configuration, DateTimeOffset now) =>
        new([configuration.Name(), (long)configuration.Count("webhooks"), configuration.Age(now)]);
}
