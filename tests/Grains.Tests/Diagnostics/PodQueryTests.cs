using OrleansEci.Grains.Diagnostics;

namespace OrleansEci.Grains.Tests.Diagnostics;

/// <summary>The pod list's filter: each field alone, AND together, and odd inputs (keys without a namespace, empty strings).</summary>
public sealed class PodQueryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static PodSummary Row(string key, string phase = "Running", string? zone = "cn-hangzhou-h", string? error = null, string? group = "eci-1",
        int ageMinutes = 10) =>
        new(key, "vk-h", "Created", phase, zone, group, 1, error, T0.AddMinutes(-ageMinutes), T0, "silo");

    [Theory]
    [InlineData("web", true)]
    [InlineData("WEB", true)]
    [InlineData("shop/", true)]
    [InlineData("eci-1", true)]
    [InlineData("nomatch", false)]
    [InlineData("", true)]
    public void Matches_Text_MatchesKeyOrGroupCaseInsensitively(string text, bool expected) =>
        Assert.Equal(expected, new PodQuery { Text = text }.Matches(Row("shop/web-1")));

    [Fact]
    public void Matches_NamespaceIsExact_NotAPrefix()
    {
        Assert.True(new PodQuery { Namespace = "shop" }.Matches(Row("shop/a")));
        Assert.False(new PodQuery { Namespace = "sho" }.Matches(Row("shop/a")), "Expected namespace 'sho' not to match pod shop/a.");
    }

    [Fact]
    public void Namespace_KeyWithoutSlash_IsEmptyAndNameIsTheKey()
    {
        PodSummary odd = Row("orphan");
        Assert.Equal("", odd.Namespace);
        Assert.Equal("orphan", odd.Name);
        Assert.False(new PodQuery { Namespace = "default" }.Matches(odd));
    }

    [Fact]
    public void Matches_Stuck_OnlyOldPodsNotRunningNorFinished()
    {
        var query = new PodQuery { StuckSince = T0.AddMinutes(-5) };
        Assert.True(query.Matches(Row("a/pending-old", phase: "Pending", ageMinutes: 10)));
        Assert.False(query.Matches(Row("a/pending-new", phase: "Pending", ageMinutes: 1)), "Expected a pod first seen 1 min ago not to be stuck after 5.");
        Assert.False(query.Matches(Row("a/running-old", ageMinutes: 10)));
        Assert.False(query.Matches(Row("a/failed-old", phase: "Failed", ageMinutes: 10)));
    }

    [Fact]
    public void Matches_ErrorsPhaseAndZone_CombineWithAnd()
    {
        var query = new PodQuery { ErrorsOnly = true, Phase = "pending", Zone = "cn-hangzhou-i" };
        Assert.True(query.Matches(Row("a/x", phase: "Pending", zone: "cn-hangzhou-i", error: "NoStock")));
        Assert.False(query.Matches(Row("a/y", phase: "Pending", zone: "cn-hangzhou-h", error: "NoStock")), "Expected another zone to be filtered out.");
        Assert.False(query.Matches(Row("a/z", phase: "Pending", zone: "cn-hangzhou-i")), "Expected a pod without an error to be filtered out.");
        Assert.False(query.Matches(Row("a/w", phase: "Pending", zone: null, error: "NoStock")), "Expected a pod without a zone to be filtered out by a zone filter.");
    }
}
