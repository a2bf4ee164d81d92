using OrleansEci.KubeletApi.Admission;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Tests.Admission;

/// <summary>
/// Properties of matchLabels matching over random label sets (fixed seed, so a failure reproduces): a subset of the
/// labels always matches, extra labels never break a match, a changed or missing selected label always does, with both
/// selectors the result is the AND of each, and a selector without labels never routes.
/// </summary>
public sealed class SelectorMatcherPropertyTests
{
    private const int Seed = 20261126;
    private const int Cases = 2000;
    private static readonly string[] Keys = ["app", "tier", "team", "alibabacloud.com/eci", "eci", "example.com/owner", "zone", "v"];
    private static readonly string[] Values = ["", "true", "false", "web", "batch", "a", "b", "Web"];

    private static Dictionary<string, string> RandomLabels(Random random, int max)
    {
        Dictionary<string, string> labels = new(StringComparer.Ordinal);
        int count = random.Next(max + 1);
        for (int i = 0; i < count; i++)
        {
            labels[Keys[random.Next(Keys.Length)]] = Values[random.Next(Values.Length)];
        }

        return labels;
    }

    private static Dictionary<string, string> Subset(Random random, Dictionary<string, string> labels) =>
        labels.Where(_ => random.Next(2) == 0).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    [Fact]
    public void MatchLabels_SubsetOfThePodsLabels_AlwaysMatches()
    {
        var random = new Random(Seed);
        for (int i = 0; i < Cases; i++)
        {
            var labels = RandomLabels(random, 6);
            var required = Subset(random, labels);
            Assert.True(SelectorMatcher.MatchLabels(required, labels), $"Case {i}: expected {Show(required)} to match {Show(labels)}.");
        }
    }

    [Fact]
    public void MatchLabels_ExtraLabels_NeverBreakAMatch()
    {
        var random = new Random(Seed + 1);
        for (int i = 0; i < Cases; i++)
        {
            var labels = RandomLabels(random, 5);
            var required = RandomLabels(random, 3);
            var more = new Dictionary<string, string>(labels, StringComparer.Ordinal);
            foreach ((string key, string value) in RandomLabels(random, 3))
            {
                more.TryAdd(key, value);
            }

            if (SelectorMatcher.MatchLabels(required, labels))
            {
                Assert.True(SelectorMatcher.MatchLabels(required, more), $"Case {i}: {Show(required)} matched {Show(labels)} but not its superset {Show(more)}.");
            }
        }
    }

    [Fact]
    public void MatchLabels_SelectedLabelChangedOrRemoved_NeverMatches()
    {
        var random = new Random(Seed + 2);
        for (int i = 0; i < Cases; i++)
        {
            var labels = RandomLabels(random, 6);
            if (labels.Count == 0)
            {
                continue;
            }

            var required = Subset(random, labels);
            string key = labels.Keys.ElementAt(random.Next(labels.Count));
            required[key] = labels[key];
            var changed = new Dictionary<string, string>(labels, StringComparer.Ordinal);
            if (random.Next(2) == 0)
            {
                changed.Remove(key);
            }
            else
            {
                changed[key] = labels[key] + "x";
            }

            Assert.False(SelectorMatcher.MatchLabels(required, changed), $"Case {i}: {Show(required)} should not match {Show(changed)} ({key} changed).");
        }
    }

    [Fact]
    public void Matches_BothSelectors_IsTheAndOfEach()
    {
        var random = new Random(Seed + 3);
        for (int i = 0; i < Cases; i++)
        {
            var pod = RandomLabels(random, 5);
            var ns = RandomLabels(random, 5);
            var objectLabels = random.Next(3) == 0 ? RandomLabels(random, 2) : Subset(random, pod);
            var namespaceLabels = random.Next(3) == 0 ? RandomLabels(random, 2) : Subset(random, ns);
            if (objectLabels.Count == 0 || namespaceLabels.Count == 0)
            {
                continue;
            }

            var both = new ProfileSelector("both", namespaceLabels, objectLabels, SelectorEffect.None);
            var onlyObject = both with { NamespaceLabels = null };
            var onlyNamespace = both with { ObjectLabels = null };
            bool expected = SelectorMatcher.Matches(onlyObject, pod, ns) && SelectorMatcher.Matches(onlyNamespace, pod, ns);
            Assert.Equal(expected, SelectorMatcher.Matches(both, pod, ns));
            Assert.Equal(SelectorMatcher.MatchLabels(objectLabels, pod), SelectorMatcher.Matches(onlyObject, pod, ns));
            Assert.Equal(SelectorMatcher.MatchLabels(namespaceLabels, ns), SelectorMatcher.Matches(onlyNamespace, pod, ns));
        }
    }

    [Fact]
    public void Matches_LabelOrder_DoesNotMatter()
    {
        var random = new Random(Seed + 4);
        for (int i = 0; i < Cases; i++)
        {
            var pod = RandomLabels(random, 6);
            var required = RandomLabels(random, 3);
            var reversed = pod.Reverse().ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
            Assert.Equal(SelectorMatcher.MatchLabels(required, pod), SelectorMatcher.MatchLabels(required, reversed));
        }
    }

    [Fact]
    public void Matches_SelectorWithoutLabels_NeverRoutes()
    {
        var random = new Random(Seed + 5);
        var effectOnly = new ProfileSelector("effect-only", null, null, SelectorEffect.None);
        for (int i = 0; i < 200; i++)
        {
            Assert.False(SelectorMatcher.Matches(effectOnly, RandomLabels(random, 6), RandomLabels(random, 6)));
        }
    }

    private static string Show(Dictionary<string, string> labels) => "{" + string.Join(",", labels.Select(l => $"{l.Key}={l.Value}")) + "}";
}
