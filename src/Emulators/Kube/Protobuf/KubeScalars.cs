using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Google.Protobuf;

namespace OrleansEci.Emulators.Kube.Protobuf;

/// <summary>
/// The Kubernetes types whose protobuf form is a small message but whose JSON is a scalar, decoded as
/// k8s.io/apimachinery does: resource.Quantity (pkg/api/resource/quantity_proto.go), intstr.IntOrString
/// (pkg/util/intstr/intstr.go), metav1.Time and MicroTime (pkg/apis/meta/v1/time_proto.go, micro_time_proto.go),
/// FieldsV1 and RawExtension (raw JSON bytes).
/// </summary>
internal static class KubeScalars
{
    /// <summary>Quantity {1 string}: the string is the canonical form ("100m"); JSON is that string.</summary>
    public static JsonNode Quantity(CodedInputStream input)
    {
        var text = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                text = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        }

        // An unset Quantity marshals as "0" in Go's JSON.
        return text.Length == 0 ? "0" : text;
    }

    /// <summary>IntOrString {1 type (0 int, 1 string), 2 intVal, 3 strVal}.</summary>
    public static JsonNode IntOrString(CodedInputStream input)
    {
        long type = 0;
        var intValue = 0;
        var stringValue = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: type = input.ReadInt64(); break;
                case 2: intValue = input.ReadInt32(); break;
                case 3: stringValue = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return type == 1 ? JsonValue.Create(stringValue) : JsonValue.Create(intValue);
    }

    /// <summary>
    /// Time and MicroTime {1 seconds, 2 nanos}. Go writes nothing for the zero time (so an empty message is "unset": no
    /// JSON property); otherwise JSON is RFC 3339 in UTC, to the second for Time and to the microsecond for MicroTime.
    /// </summary>
    public static JsonNode? Time(ByteString bytes, bool micro)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        var input = ProtoJsonReader.Open(bytes.Memory);
        long seconds = 0;
        var nanos = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: seconds = input.ReadInt64(); break;
                case 2: nanos = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        }

        DateTimeOffset time;
        try
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"proto: time {seconds}s is out of range", e);
        }

        return micro
            ? time.AddTicks(nanos / 100).UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture)
            : time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>FieldsV1 / RawExtension {1 raw}: the raw bytes are a JSON document.</summary>
    public static JsonNode? RawJson(CodedInputStream input)
    {
        ByteString raw = ByteString.Empty;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                raw = input.ReadBytes();
            }
            else
            {
                input.SkipLastField();
            }
        }

        if (raw.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(raw.Span);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"proto: raw JSON field is not JSON: {e.Message}", e);
        }
    }
}
