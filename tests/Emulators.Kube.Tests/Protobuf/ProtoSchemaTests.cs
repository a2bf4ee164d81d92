using OrleansEci.Emulators.Kube.Protobuf;

namespace OrleansEci.Emulators.Kube.Tests.Protobuf;

public sealed class ProtoSchemaTests
{
    [Theory]
    [InlineData("v1", "Namespace")]
    [InlineData("v1", "ConfigMap")]
    [InlineData("v1", "Secret")]
    [InlineData("v1", "Service")]
    [InlineData("v1", "ServiceAccount")]
    [InlineData("v1", "Pod")]
    [InlineData("v1", "Event")]
    [InlineData("v1", "Node")]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("apps/v1", "ReplicaSet")]
    [InlineData("batch/v1", "Job")]
    [InlineData("coordination.k8s.io/v1", "Lease")]
    [InlineData("meta.k8s.io/v1", "DeleteOptions")]
    [InlineData("v1", "DeleteOptions")]
    public void Default_ServedKind_HasAMessage(string apiVersion, string kind) =>
        Assert.True(ProtoSchema.Default.ForKind(apiVersion, kind) is not null, $"expected a protobuf schema for {apiVersion} {kind}, found none");

    [Fact]
    public void Parse_MessageNamingAnUndefinedMessage_FailsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => ProtoSchemaParser.Parse([("test", "A: 1 b Missing")]));

        Assert.Contains("A.b names message Missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateFieldNumber_FailsWithSourceAndLine()
    {
        var error = Assert.Throws<FormatException>(() => ProtoSchemaParser.Parse([("test", "# c\nA: 1 b,\n  1 c int32")]));

        Assert.Equal("protobuf schema test line 2: A has field number 1 twice", error.Message);
    }

    [Fact]
    public void Parse_FieldForms_ReadNameTypeListMapPointerAndInline()
    {
        var schema = ProtoSchemaParser.Parse([("test", "kind v1 A\nA: 1 s, 2 n? int32, 3 l string[], 4 m {quantity}, 5 .. B, 6 r! B[]\nB: 1 x")]);
        var fields = schema.Message("A").Fields;

        Assert.Equal(new ProtoField(1, "s", ProtoValueType.String, null, false, false, false, false), fields[0]);
        Assert.Equal(new ProtoField(2, "n", ProtoValueType.Int32, null, false, false, true, false), fields[1]);
        Assert.Equal(new ProtoField(3, "l", ProtoValueType.String, null, true, false, false, false), fields[2]);
        Assert.Equal(new ProtoField(4, "m", ProtoValueType.Quantity, null, false, true, false, false), fields[3]);
        Assert.Equal(new ProtoField(5, "..", ProtoValueType.Message, "B", false, false, false, true), fields[4]);
        Assert.Equal(new ProtoField(6, "r", ProtoValueType.Message, "B", true, false, true, false), fields[5]);
        Assert.Same(schema.Message("A"), schema.ForKind("v1", "A"));
    }
}
