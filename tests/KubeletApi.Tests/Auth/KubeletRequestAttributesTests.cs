using OrleansEci.KubeletApi.Auth;

namespace OrleansEci.KubeletApi.Tests.Auth;

/// <summary>Paths and methods to nodes/{subresource} and verbs, as kubelet's server/auth.go maps them.</summary>
public sealed class KubeletRequestAttributesTests
{
    [Theory]
    [InlineData("GET", "/stats/summary", "get", "stats")]
    [InlineData("GET", "/stats", "get", "stats")]
    [InlineData("GET", "/metrics/resource", "get", "metrics")]
    [InlineData("GET", "/metrics", "get", "metrics")]
    [InlineData("GET", "/logs/kubelet.log", "get", "log")]
    [InlineData("GET", "/spec/", "get", "spec")]
    [InlineData("POST", "/checkpoint/default/web/app", "create", "checkpoint")]
    [InlineData("GET", "/containerLogs/default/web/app", "get", "proxy")]
    [InlineData("GET", "/pods", "get", "proxy")]
    [InlineData("HEAD", "/healthz", "get", "proxy")]
    [InlineData("POST", "/exec/default/web/app", "create", "proxy")]
    [InlineData("PUT", "/statsx", "update", "proxy")]
    [InlineData("PATCH", "/metricsfoo/x", "patch", "proxy")]
    [InlineData("DELETE", "/pods", "delete", "proxy")]
    [InlineData("OPTIONS", "/pods", "", "proxy")]
    public void For_MethodAndPath_MapAsKubelet(string method, string path, string verb, string subresource)
    {
        var attributes = KubeletRequestAttributes.For(method, path);
        Assert.True(attributes.Verb == verb && attributes.Subresource == subresource,
            $"Expected {method} {path} to be verb \"{verb}\" on nodes/{subresource}, got verb \"{attributes.Verb}\" on nodes/{attributes.Subresource}");
    }

    [Theory]
    [InlineData("/pods", "pods")]
    [InlineData("/runningPods/", "pods")]
    [InlineData("/healthz", "healthz")]
    [InlineData("/healthz/ping", "healthz")]
    [InlineData("/podsx", null)]
    [InlineData("/containerLogs/default/web/app", null)]
    [InlineData("/stats/summary", null)]
    public void For_FineGrainedPaths_AskTheNarrowSubresourceFirst(string path, string? fineGrained)
    {
        var attributes = KubeletRequestAttributes.For("GET", path);
        Assert.True(attributes.FineGrained == fineGrained, $"Expected GET {path} to be checked first as nodes/{fineGrained ?? "(none)"}, got nodes/{attributes.FineGrained ?? "(none)"}");
    }
}
