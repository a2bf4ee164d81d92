using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Protobuf;

namespace OrleansEci.Emulators.Kube.Tests.Protobuf;

/// <summary>The envelope and Kubernetes' special types, with bodies built by Google.Protobuf's encoder.</summary>
public sealed class ProtobufBodyTests
{
    [Fact]
    public void Decode_LeaseWithPointerZerosAndMicroTimes_KeepsZerosAndWritesMicroseconds()
    {
        var renew = new DateTimeOffset(2026, 11, 26, 6, 50, 1, TimeSpan.Zero).AddTicks(1234567);
        var spec = new ProtoWriter().Text(1, "").Varint(2, 0).Message(4, ProtoWriter.Timestamp(renew)).Varint(5, 0);
        var body = ProtoWriter.Envelope("coordination.k8s.io/v1", "Lease", new ProtoWriter().Message(1, Meta("vk-node")).Message(2, spec));

        var lease = ProtobufBody.Decode(body);

        Assert.Equal(
            """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"vk-node"},"spec":{"holderIdentity":"","leaseDurationSeconds":0,"renewTime":"2026-11-26T06:50:01.123456Z","leaseTransitions":0}}""",
            lease.ToJsonString());
    }

    [Fact]
    public void Decode_EventWithZeroAndSetTimes_LeavesZeroOutAndWritesSeconds()
    {
        var first = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddMilliseconds(600);
        var raw = new ProtoWriter().Message(1, Meta("e1")).Text(3, "Pulled").Message(6, ProtoWriter.Timestamp(first))
            .Message(7, new ProtoWriter()).Varint(8, 3);

        var decoded = ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Event", raw));

        Assert.Equal("2026-01-02T03:04:05Z", decoded["firstTimestamp"]?.GetValue<string>());
        Assert.False(decoded.ContainsKey("lastTimestamp"), $"a zero metav1.Time (empty message) must be left out, got {decoded.ToJsonString()}");
        Assert.Equal(3, decoded["count"]?.GetValue<int>());
    }

    [Fact]
    public void Decode_IntOrStringForms_StringNumberAndOmittedZero()
    {
        var rolling = new ProtoWriter()
            .Message(1, new ProtoWriter().Varint(1, 0).Varint(2, 0).Text(3, ""))
            .Message(2, new ProtoWriter().Varint(1, 1).Varint(2, 0).Text(3, "25%"));
        var spec = new ProtoWriter().Message(4, new ProtoWriter().Text(1, "RollingUpdate").Message(2, rolling));
        var deployment = ProtobufBody.Decode(ProtoWriter.Envelope("apps/v1", "Deployment", new ProtoWriter().Message(1, Meta("d")).Message(2, spec)));

        var port = new ProtoWriter().Varint(3, 80).Message(4, new ProtoWriter().Varint(1, 0).Varint(2, 0).Text(3, ""));
        var named = new ProtoWriter().Varint(3, 81).Message(4, new ProtoWriter().Varint(1, 1).Varint(2, 0).Text(3, "http"));
        var service = ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Service",
            new ProtoWriter().Message(1, Meta("s")).Message(2, new ProtoWriter().Message(1, port).Message(1, named))));

        Assert.Equal("""{"maxUnavailable":0,"maxSurge":"25%"}""", deployment["spec"]!["strategy"]!["rollingUpdate"]!.ToJsonString());
        Assert.Equal("""[{"port":80},{"port":81,"targetPort":"http"}]""", service["spec"]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void Decode_PackedAndUnpackedRepeatedNumbers_BothRead()
    {
        var unpacked = new ProtoWriter().Varint(4, 1000).Varint(4, -5);
        var packed = new ProtoWriter().Packed(4, 2000, 3000);
        var spec = new ProtoWriter().Message(2, new ProtoWriter().Text(1, "c")).Message(14, unpacked).Message(14, packed);

        var pod = ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Pod", new ProtoWriter().Message(1, Meta("p")).Message(2, spec)));

        Assert.Equal("[1000,-5,2000,3000]", pod["spec"]!["securityContext"]!["supplementalGroups"]!.ToJsonString());
    }

    [Fact]
    public void Decode_SecretWithBinaryData_WritesBase64AndKeepsEmptyMapValues()
    {
        var raw = new ProtoWriter().Message(1, Meta("s"))
            .Message(2, new ProtoWriter().Text(1, "k").Bytes(2, [0, 255, 1]))
            .Message(2, new ProtoWriter().Text(1, "empty"))
            .Text(3, "Opaque");

        var secret = ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Secret", raw));

        Assert.Equal("""{"k":"AP8B","empty":""}""", secret["data"]!.ToJsonString());
    }

    [Fact]
    public void Decode_ResourceMapEntries_WriteQuantityStringsAndZeroForAnEmptyValue()
    {
        var resources = new ProtoWriter()
            .Message(1, new ProtoWriter().Text(1, "cpu").Message(2, new ProtoWriter().Text(1, "500m")))
            .Message(2, new ProtoWriter().Text(1, "memory"));
        var container = new ProtoWriter().Text(1, "c").Text(2, "nginx").Message(8, resources);
        var raw = new ProtoWriter().Message(1, Meta("p")).Message(2, new ProtoWriter().Message(2, container));

        var pod = ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Pod", raw));

        Assert.Equal("""{"limits":{"cpu":"500m"},"requests":{"memory":"0"}}""", pod["spec"]!["containers"]![0]!["resources"]!.ToJsonString());
    }

    [Fact]
    public void Decode_DeleteOptions_ReadsGracePreconditionsAndPolicy()
    {
        var raw = new ProtoWriter().Varint(1, 0).Message(2, new ProtoWriter().Text(1, "uid-1")).Text(4, "Background").Text(5, "All");

        var options = ProtobufBody.Decode(ProtoWriter.Envelope("meta.k8s.io/v1", "DeleteOptions", raw));

        Assert.Equal(
            """{"apiVersion":"meta.k8s.io/v1","kind":"DeleteOptions","gracePeriodSeconds":0,"preconditions":{"uid":"uid-1"},"propagationPolicy":"Background","dryRun":["All"]}""",
            options.ToJsonString());
    }

    [Fact]
    public void Decode_UnknownFieldNumber_IsSkippedAndReported()
    {
        var raw = new ProtoWriter().Message(1, Meta("ns").Text(99, "from a newer client")).Text(77, "x");

        var decoded = ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Namespace", raw), ProtoSchema.Default, out var unknown);

        Assert.Equal("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ns"}}""", decoded.ToJsonString());
        Assert.Equal(["ObjectMeta.99", "Namespace.77"], unknown);
    }

    [Fact]
    public void Decode_BodyWithoutMagic_Answers400()
    {
        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode("{\"kind\":\"Pod\"}"u8.ToArray()));

        Assert.Equal(400, error.Code);
        Assert.Contains("does not appear to be a protobuf message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_WrongWireType_Answers400NamingTheField()
    {
        var raw = new ProtoWriter().Message(1, new ProtoWriter().Varint(1, 5));

        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode(ProtoWriter.Envelope("v1", "ConfigMap", raw)));

        Assert.Equal(400, error.Code);
        Assert.Contains("ObjectMeta.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedBody_Answers400()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Message(1, Meta("cm")));

        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode(body.AsMemory(0, body.Length - 3)));

        Assert.Equal(400, error.Code);
        Assert.Equal("BadRequest", error.Reason);
    }

    [Fact]
    public void Decode_KindWithoutSchema_Answers415NamingTheKind()
    {
        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode(ProtoWriter.Envelope("apps/v1", "StatefulSet", new ProtoWriter())));

        Assert.Equal(415, error.Code);
        Assert.Contains("StatefulSet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EnvelopeWithoutKind_Answers400()
    {
        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode(ProtoWriter.Envelope("v1", "", new ProtoWriter())));

        Assert.Equal(400, error.Code);
        Assert.Contains("Kind", error.Message, StringComparison.Ordinal);
    }

    private static ProtoWriter Meta(string name) => new ProtoWriter().Text(1, name);
}
