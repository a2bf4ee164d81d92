using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Tests.Profiles;

public sealed class SelectorsParsingTests
{
    private static ProfileParseResult Parse(string selectors) =>
        EciProfileParser.Parse(new Dictionary<string, string> { ["selectors"] = selectors });

    [Fact]
    public void Parse_FullSelector_ReadsSelectorsAndEffectInOrder()
    {
        const string json = """
            [
              {
                "name": "gpu-jobs",
                "namespaceSelector": { "matchLabels": { "team": "ml" } },
                "objectSelector": { "matchLabels": { "app": "trainer", "tier": "batch" } },
                "effect": {
                  "annotations": { "k8s.aliyun.com/eci-use-specs": "ecs.gn6i-c4g1.xlarge", "k8s.aliyun.com/eci-ntp-server": "100.100.5.1" },
                  "labels": { "created-by-eci": "true" }
                }
              },
              { "name": "everyone", "effect": { "annotations": { "k8s.aliyun.com/eci-auto-imc": "true" } } }
            ]
            """;

        ProfileParseResult result = Parse(json);

        Assert.True(result.IsValid, $"Expected the selectors to parse; errors: {result.Describe()}");
        ProfileSelector gpu = result.Profile!.Selectors[0];
        Assert.Equal("gpu-jobs", gpu.Name);
        Assert.Equal("ml", gpu.NamespaceLabels!["team"]);
        Assert.Equal(["app", "tier"], gpu.ObjectLabels!.Keys);
        Assert.Equal(["k8s.aliyun.com/eci-use-specs", "k8s.aliyun.com/eci-ntp-server"], gpu.Effect.Annotations.Keys);
        Assert.Equal("true", gpu.Effect.Labels["created-by-eci"]);
        Assert.True(gpu.SchedulesToEci);
        ProfileSelector everyone = result.Profile.Selectors[1];
        Assert.False(everyone.SchedulesToEci);
        Assert.Empty(everyone.Effect.Labels);
    }

    [Fact]
    public void Parse_EmptyArray_MeansNoSelectorsNotTheDefaults()
    {
        ProfileParseResult result = Parse("[]");

        Assert.Empty(result.Profile!.Selectors);
        Assert.False(result.Profile.SelectorsAreDefault);
    }

    [Theory]
    [InlineData("[{\"name\":\"a\",", "is not valid JSON")]
    [InlineData("[{\"name\":\"a\",\"objectSelector\":{\"matchLabels\":{\"x\":\"1\"}}},]", "is not valid JSON")]
    [InlineData("{\"name\":\"a\"}", "is a JSON object; expected an array")]
    [InlineData("\"a\"", "is a JSON string; expected an array")]
    [InlineData("[42]", "selectors[0] is a JSON number; expected an object")]
    [InlineData("[{\"objectSelector\":{\"matchLabels\":{\"x\":\"1\"}}}]", "selectors[0] has no name")]
    [InlineData("[{\"name\":7,\"objectSelector\":{\"matchLabels\":{\"x\":\"1\"}}}]", "name is a JSON number")]
    [InlineData("[{\"name\":\"GPU Jobs\",\"objectSelector\":{\"matchLabels\":{\"x\":\"1\"}}}]", "must be a DNS label")]
    [InlineData("[{\"name\":\"a\",\"objectselector\":{\"matchLabels\":{\"x\":\"1\"}}}]", "unknown property \"objectselector\"")]
    [InlineData("[{\"name\":\"a\",\"objectSelector\":{\"matchExpressions\":[]}}]", "matchExpressions is not supported")]
    [InlineData("[{\"name\":\"a\",\"objectSelector\":{}}]", "has no matchLabels")]
    [InlineData("[{\"name\":\"a\",\"objectSelector\":[]}]", "objectSelector is a JSON array")]
    [InlineData("[{\"name\":\"a\",\"namespaceSelector\":{\"matchLabels\":{}}}]", "would match every pod")]
    [InlineData("[{\"name\":\"a\",\"objectSelector\":{\"matchLabels\":{\"eci\":true}}}]", "is a JSON boolean; expected a string (quote it: \"true\")")]
    [InlineData("[{\"name\":\"a\",\"objectSelector\":{\"matchLabels\":{\"-bad\":\"1\"}}}]", "is not a valid key")]
    [InlineData("[{\"name\":\"a\",\"objectSelector\":{\"matchLabels\":{\"Example.com/app\":\"1\"}}}]", "is not a DNS subdomain")]
    [InlineData("[{\"name\":\"a\",\"objectSelector\":{\"matchLabels\":{\"app\":\"has space\"}}}]", "invalid label value")]
    [InlineData("[{\"name\":\"a\",\"objectSelector\":{\"matchLabels\":{\"app\":\"1\",\"app\":\"2\"}}}]", "is given twice")]
    [InlineData("[{\"name\":\"a\",\"name\":\"b\",\"objectSelector\":{\"matchLabels\":{\"x\":\"1\"}}}]", "gives \"name\" twice")]
    [InlineData("[{\"name\":\"a\",\"effect\":\"x\"}]", "effect is a JSON string")]
    [InlineData("[{\"name\":\"a\",\"effect\":{\"annotation\":{\"k\":\"v\"}}}]", "unknown property \"annotation\"")]
    [InlineData("[{\"name\":\"a\",\"effect\":{\"annotations\":{\"k8s.aliyun.com/\":\"v\"}}}]", "name part is empty")]
    [InlineData("[{\"name\":\"a\",\"effect\":{\"labels\":{\"created-by-eci\":\"yes please\"}}}]", "invalid label value")]
    [InlineData("[{\"name\":\"a\",\"effect\":{\"annotations\":{\"k\":5}}}]", "is a JSON number")]
    [InlineData("[{\"name\":\"a\"}]", "does nothing")]
    public void Parse_MalformedSelectors_RefusedWithASpecificMessage(string selectors, string expected)
    {
        ProfileParseResult result = Parse(selectors);

        Assert.False(result.IsValid, $"Expected selectors {selectors} to be refused.");
        Assert.All(result.Errors, e => Assert.Equal("selectors", e.Key));
        Assert.True(
            result.Errors.Any(e => e.Message.Contains(expected, StringComparison.Ordinal)),
            $"Expected an error containing '{expected}' for {selectors}; got: {result.Describe()}");
    }

    [Fact]
    public void Parse_DuplicateNames_RefusedNamingTheSecond()
    {
        ProfileParseResult result = Parse("""[{"name":"a","objectSelector":{"matchLabels":{"x":"1"}}},{"name":"a","objectSelector":{"matchLabels":{"y":"1"}}}]""");

        ProfileProblem problem = Assert.Single(result.Errors);
        Assert.StartsWith("selectors[1] (\"a\"): the name is used", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ErrorInLaterSelector_NamesItsIndexAndName()
    {
        ProfileParseResult result = Parse("""[{"name":"ok","objectSelector":{"matchLabels":{"x":"1"}}},{"name":"gpu","objectSelector":{"matchLabels":{"x":1}}}]""");

        Assert.StartsWith("selectors[1] (\"gpu\"): objectSelector.matchLabels[\"x\"]", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NameOf64Characters_Refused()
    {
        string name = new('a', 64);

        ProfileParseResult result = Parse("[{\"name\":\"" + name + "\",\"objectSelector\":{\"matchLabels\":{\"x\":\"1\"}}}]");

        Assert.Contains("at most 63", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
