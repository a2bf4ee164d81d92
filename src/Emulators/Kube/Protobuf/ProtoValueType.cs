namespace OrleansEci.Emulators.Kube.Protobuf;

/// <summary>How a protobuf field's bytes become JSON: a scalar, one of Kubernetes' special types, or a schema message.</summary>
public enum ProtoValueType
{
    /// <summary>A message of the schema, decoded field by field into a JSON object.</summary>
    Message,

    /// <summary>UTF-8 text (wire type 2).</summary>
    String,

    /// <summary>Bytes, written as base64 like Go's encoding/json writes <c>[]byte</c> (Secret data, ConfigMap binaryData).</summary>
    Bytes,

    /// <summary>Varint read as a signed 32-bit number.</summary>
    Int32,

    /// <summary>Varint read as a signed 64-bit number.</summary>
    Int64,

    /// <summary>Varint 0 or 1.</summary>
    Bool,

    /// <summary>Fixed 64-bit IEEE double.</summary>
    Double,

    /// <summary>resource.Quantity: a message whose field 1 is the canonical string ("100m", "1Gi"); JSON is that string.</summary>
    Quantity,

    /// <summary>intstr.IntOrString: {1 type, 2 intVal, 3 strVal}; JSON is the number or the string.</summary>
    IntOrString,

    /// <summary>metav1.Time: {1 seconds, 2 nanos}; JSON is RFC 3339 in UTC to the second; an empty message is the zero time.</summary>
    Time,

    /// <summary>metav1.MicroTime: like Time, JSON with six fraction digits.</summary>
    MicroTime,

    /// <summary>metav1.FieldsV1 and runtime.RawExtension: field 1 holds raw JSON bytes; JSON is that document.</summary>
    RawJson,
}
