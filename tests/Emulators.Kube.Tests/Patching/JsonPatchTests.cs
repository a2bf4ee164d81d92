using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Patching;

namespace OrleansEci.Emulators.Kube.Tests.Patching;

/// <summary>RFC 6902 operations (with the RFC's own examples) and RFC 7386 merge patch.</summary>
public sealed class JsonPatchTests
{
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":"end"}]""", """{"foo":["bar","end"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"foo":"bar","baz":"boo"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""",
        """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":1},"c":{"b":1}}""")]
    [InlineData("""{"a/b":1,"m~n":2}""", """[{"op":"replace","path":"/a~1b","value":3},{"op":"remove","path":"/m~0n"}]""", """{"a/b":3}""")]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"qux"}]""", """{"baz":"qux"}""")]
    public void Apply_Rfc6902Examples_ProduceTheRfcResult(string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document)!, JsonNode.Parse(patch));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), $"expected {expected}, got {result.ToJsonString()}");
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/baz","value":"bar"}]""")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""")]
    [InlineData("""[{"op":"replace","path":"/list/5","value":1}]""")]
    public void Apply_OperationThatDoesNotApply_Throws422(string patch)
    {
        var error = Assert.Throws<ApiException>(() => JsonPatch.Apply(JsonNode.Parse("""{"baz":"qux","list":[1]}""")!, JsonNode.Parse(patch)));
        Assert.Equal(422, error.Code);
    }

    [Fact]
    public void MergePatch_NullDeletesAndObjectsMerge()
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse("""{"a":"b","c":{"d":"e","f":"g"},"l":[1,2]}"""),
            JsonNode.Parse("""{"a":"z","c":{"f":null},"l":[3]}"""));
        Assert.Equal("""{"a":"z","c":{"d":"e"},"l":[3]}""", result!.ToJsonString());
    }
}
