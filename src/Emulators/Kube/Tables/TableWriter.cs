using System.Buffers;
using System.Text.Json;

using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>
/// Writes <c>meta.k8s.io Table</c> JSON (<c>{"kind":"Table","apiVersion":...,"metadata":{...},"columnDefinitions":[...],"rows":[...]}</c>)
/// straight from stored bytes: each object is read once with <see cref="JsonDocument"/>, nothing is re-serialized
/// except the cells. Row objects follow <c>includeObject</c> (asTable in k8s.io/apiserver endpoints/handlers/response.go).
/// </summary>
internal sealed class TableWriter
{
    private readonly string _apiVersion;
    private readonly ITablePrinter _printer;
    private readonly IncludeObject _include;
    private readonly DateTimeOffset _now;

    public TableWriter(string apiVersion, ITablePrinter printer, IncludeObject include, DateTimeOffset now)
    {
        _apiVersion = apiVersion;
        _printer = printer;
        _include = include;
        _now = now;
    }

    /// <summary>
    /// A whole table. <paramref name="headers"/> false writes <c>"columnDefinitions":null</c>, as kube-apiserver does for
    /// every watch event after the first (TableOptions.NoHeaders).
    /// </summary>
    public byte[] Write(string resourceVersion, string? continueToken, long? remainingItemCount, IReadOnlyList<StoredObject> items, bool headers)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + (items.Count * 512));
        using (var w = new Utf8JsonWriter(buffer, KubeJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("kind", "Table");
            w.WriteString("apiVersion", _apiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", resourceVersion);
            if (continueToken is not null)
            {
                w.WriteString("continue", continueToken);
            }

            if (remainingItemCount is { } remaining)
            {
                w.WriteNumber("remainingItemCount", remaining);
            }

            w.WriteEndObject();
            WriteColumns(w, headers);
            w.WriteStartArray("rows");
            foreach (var item in items)
            {
                WriteRow(w, item);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void WriteColumns(Utf8JsonWriter w, bool headers)
    {
        if (!headers)
        {
            w.WriteNull("columnDefinitions");
            return;
        }

        w.WriteStartArray("columnDefinitions");
        foreach (var column in _printer.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", column.Name);
            w.WriteString("type", column.Type);
            w.WriteString("format", column.Format);
            w.WriteString("description", column.Description);
            w.WriteNumber("priority", column.Priority);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private void WriteRow(Utf8JsonWriter w, StoredObject item)
    {
        using var document = JsonDocument.Parse(item.Json, new JsonDocumentOptions { MaxDepth = KubeJson.DocumentOptions.MaxDepth });
        var obj = document.RootElement;
        var row = _printer.Print(obj, _now);
        w.WriteStartObject();
        w.WriteStartArray("cells");
        foreach (var cell in row.Cells)
        {
            WriteCell(w, cell);
        }

        w.WriteEndArray();
        if (row.Conditions is { Count: > 0 } conditions)
        {
            w.WriteStartArray("conditions");
            foreach (var condition in conditions)
            {
                w.WriteStartObject();
                w.WriteString("type", condition.Type);
                w.WriteString("status", condition.Status);
                w.WriteString("reason", condition.Reason);
                w.WriteString("message", condition.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        switch (_include)
        {
            case IncludeObject.Object:
                w.WritePropertyName("object");
                w.WriteRawValue(item.Json, skipInputValidation: true);
                break;
            case IncludeObject.Metadata:
                w.WriteStartObject("object");
                w.WriteString("kind", "PartialObjectMetadata");
                w.WriteString("apiVersion", _apiVersion);
                w.WritePropertyName("metadata");
                if (obj.TryGetProperty("metadata", out var metadata))
                {
                    metadata.WriteTo(w);
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter w, object? cell)
    {
        switch (cell)
        {
            case null:
                w.WriteNullValue();
                break;
            case string text:
                w.WriteStringValue(text);
                break;
            case long number:
                w.WriteNumberValue(number);
                break;
            case int number:
                w.WriteNumberValue(number);
                break;
            case bool flag:
                w.WriteBooleanValue(flag);
                break;
            default:
                throw new InvalidOperationException($"Table cells are strings, integers, booleans or null; a printer returned {cell.GetType().Name}.");
        }
    }
}
