using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Selectors;

namespace OrleansEci.Emulators.Kube.Tests.Selectors;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["rank"] = "5" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (web, db)", true)]
    [InlineData("app notin (web,db)", false)]
    [InlineData("missing notin (a)", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("app=web, tier in (front)", true)]
    [InlineData("rank>3", true)]
    [InlineData("rank<3", false)]
    [InlineData("", true)]
    public void Parse_Expression_MatchesAsKubernetesDoes(string selector, bool expected) =>
        Assert.True(LabelSelector.Parse(selector).Matches(Labels) == expected, $"selector '{selector}' on {string.Join(",", Labels)}: expected {expected}");

    [Theory]
    [InlineData("app in web")]
    [InlineData("app in (web")]
    [InlineData("=web")]
    [InlineData("rank>x")]
    public void Parse_Malformed_Throws400(string selector)
    {
        var error = Assert.Throws<ApiException>(() => LabelSelector.Parse(selector));
        Assert.Equal(400, error.Code);
    }

    [Fact]
    public void FromJson_MatchLabelsAndExpressions_CombinesThem()
    {
        var selector = LabelSelector.FromJson(JsonNode.Parse(
            """{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["front","back"]}]}""")!.AsObject());
        Assert.True(selector.Matches(Labels));
        Assert.Equal("app=web,tier in (front,back)", selector.ToString());
    }

    [Fact]
    public void FromJson_Null_MatchesNothing() => Assert.False(LabelSelector.FromJson(null).Matches(Labels));
}
