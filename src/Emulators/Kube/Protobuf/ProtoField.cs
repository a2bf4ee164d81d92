namespace OrleansEci.Emulators.Kube.Protobuf;

/// <summary>One field of a schema message: its number, JSON name and how its value decodes.</summary>
/// <param name="Number">The protobuf field number.</param>
/// <param name="JsonName">The JSON property name; ignored when <paramref name="Inline"/>.</param>
/// <param name="Type">The value type (for a map, the value type of its entries).</param>
/// <param name="MessageName">The schema message name when <paramref name="Type"/> is <see cref="ProtoValueType.Message"/>.</param>
/// <param name="Repeated">A list (JSON array); packed and unpacked scalars are both read.</param>
/// <param name="Map">A <c>map&lt;string, T&gt;</c> (JSON object), sent as repeated {1 key, 2 value} entries.</param>
/// <param name="KeepZero">
/// Write the value even when it is zero (<c>""</c>, <c>0</c>, <c>false</c>): set for Go pointer fields, which are on the wire only
/// when set (so <c>replicas: 0</c> means zero), and for value fields whose JSON tag has no <c>omitempty</c>. Go's protobuf
/// marshalling always writes value fields, so without this flag a zero value is left out, as Go's JSON leaves it out.
/// </param>
/// <param name="Inline">The message's fields belong to the parent object (Go's <c>json:",inline"</c>, e.g. Volume's VolumeSource).</param>
public sealed record ProtoField(
    int Number, string JsonName, ProtoValueType Type, string? MessageName, bool Repeated, bool Map, bool KeepZero, bool Inline);
