using System.Text.Json.Nodes;

using Google.Protobuf;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Protobuf;

/// <summary>
/// Decodes <c>application/vnd.kubernetes.protobuf</c> request bodies, which client-go's typed clients send (kubectl's
/// generators <c>create namespace|configmap|secret|deployment|job|service</c> and <c>run</c>, and kubelets) and which
/// they do not retry as JSON on 415 (client-go retries only for CBOR, kubernetes/kubernetes#128497). The body is the
/// magic <c>k8s\0</c> and a runtime.Unknown {1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType}
/// (k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go); raw is the object's message. The result is the
/// same JSON object a JSON client would have sent, so the rest of the server never sees protobuf.
/// </summary>
public static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Decodes a body with the built-in schema.</summary>
    /// <exception cref="ApiException">400 for bytes that are not a Kubernetes protobuf object; 415 for a kind without a schema.</exception>
    public static JsonObject Decode(ReadOnlyMemory<byte> body) => Decode(body, ProtoSchema.Default, out _);

    /// <summary>Decodes a body; <paramref name="unknownFields"/> lists field numbers the schema did not know (skipped).</summary>
    public static JsonObject Decode(ReadOnlyMemory<byte> body, ProtoSchema schema, out IReadOnlyList<string> unknownFields)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!body.Span.StartsWith(Magic))
        {
            throw ApiErrors.BadRequest(
                $"provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]; send {MediaType} bodies as k8s\\0 + runtime.Unknown");
        }

        try
        {
            var (apiVersion, kind, raw) = ReadUnknown(body[Magic.Length..]);
            if (kind.Length == 0)
            {
                throw ApiErrors.BadRequest("Object 'Kind' is missing in the protobuf body's typeMeta");
            }

            var message = schema.ForKind(apiVersion, kind) ?? throw new ApiException(415, "UnsupportedMediaType",
                $"the local Kubernetes API server cannot decode {kind} ({apiVersion}) from protobuf; send it as application/json (decodable kinds: "
                + string.Join(", ", schema.Kinds.Select(k => k.Kind).Distinct().Order(StringComparer.Ordinal)) + ")");
            var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
            var reader = new ProtoJsonReader(schema);
            reader.ReadInto(raw, message, result);
            unknownFields = reader.UnknownFields;
            return result;
        }
        catch (InvalidDataException e)
        {
            throw ApiErrors.BadRequest($"error decoding the protobuf body: {e.Message}");
        }
        catch (InvalidProtocolBufferException e)
        {
            throw ApiErrors.BadRequest($"error decoding the protobuf body: proto: {e.Message}");
        }
    }

    private static (string ApiVersion, string Kind, ReadOnlyMemory<byte> Raw) ReadUnknown(ReadOnlyMemory<byte> data)
    {
        var input = ProtoJsonReader.Open(data);
        string apiVersion = "", kind = "", contentEncoding = "";
        ReadOnlyMemory<byte> raw = default;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    (apiVersion, kind) = ReadTypeMeta(input.ReadBytes());
                    break;
                case 2:
                    raw = input.ReadBytes().Memory;
                    break;
                case 3:
                    contentEncoding = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (contentEncoding.Length > 0)
        {
            throw new InvalidDataException($"runtime.Unknown contentEncoding \"{contentEncoding}\" is not supported (Kubernetes clients send none)");
        }

        return (apiVersion, kind, raw);
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ByteString bytes)
    {
        var input = ProtoJsonReader.Open(bytes.Memory);
        string apiVersion = "", kind = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: apiVersion = input.ReadString(); break;
                case 2: kind = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return (apiVersion, kind);
    }
}
