using Google.Protobuf;

namespace OrleansEci.Emulators.Kube.Tests.Protobuf;

/// <summary>
/// Builds protobuf bytes for tests with Google.Protobuf's encoder (an implementation independent of the decoder under
/// test): fields are written by number, the way Go's generated marshalling writes them.
/// </summary>
public sealed class ProtoWriter
{
    private readonly List<Action<CodedOutputStream>> _writes = [];

    public ProtoWriter Text(int field, string value) => Add(o =>
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    });

    public ProtoWriter Bytes(int field, byte[] value) => Add(o =>
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(value));
    });

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter Varint(int field, long value) => Add(o =>
    {
        o.WriteTag(field, WireFormat.WireType.Varint);
        o.WriteInt64(value);
    });

    /// <summary>A packed repeated varint field (proto3 style; Go's proto2 marshalling writes them unpacked).</summary>
    public ProtoWriter Packed(int field, params long[] values)
    {
        var inner = new ProtoWriter().Add(o =>
        {
            foreach (var value in values)
            {
                o.WriteInt64(value);
            }
        });
        return Bytes(field, inner.ToArray());
    }

    /// <summary>A map&lt;string, string&gt; entry.</summary>
    public ProtoWriter Entry(int field, string key, string value) => Message(field, new ProtoWriter().Text(1, key).Text(2, value));

    public byte[] ToArray()
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            _writes.ForEach(write => write(output));
        }

        return buffer.ToArray();
    }

    private ProtoWriter Add(Action<CodedOutputStream> write)
    {
        _writes.Add(write);
        return this;
    }

    /// <summary>The request body: <c>k8s\0</c> + runtime.Unknown {typeMeta {apiVersion, kind}, raw}.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoWriter raw)
    {
        var unknown = new ProtoWriter()
            .Message(1, new ProtoWriter().Text(1, apiVersion).Text(2, kind))
            .Message(2, raw)
            .Text(3, "")
            .Text(4, "");
        return [.. "k8s\0"u8, .. unknown.ToArray()];
    }

    /// <summary>A metav1.Time / MicroTime value.</summary>
    public static ProtoWriter Timestamp(DateTimeOffset time) =>
        new ProtoWriter().Varint(1, time.ToUnixTimeSeconds()).Varint(2, (int)(time.Ticks % TimeSpan.TicksPerSecond * 100));
}
