using System.Text.RegularExpressions;
using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

public sealed partial class ContainerGroupNameTests
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,126}[a-z0-9]$")]
    private static partial Regex Valid();

    [Fact]
    public void ContainerGroupName_PlainNames_NamespaceDashName()
    {
        Assert.Equal("default-web-7d9f8-abcde", PodMapper.ContainerGroupName(PodFixtures.Simple("web-7d9f8-abcde")));
    }

    [Theory]
    [InlineData("default", "web.v2")]
    [InlineData("kube-system", "coredns.cluster.local")]
    [InlineData("team", "-x-")]
    [InlineData("a", "b")]
    public void ContainerGroupName_ChangedCharacters_ValidWithHashSuffix(string ns, string name)
    {
        var pod = PodFixtures.Simple(name);
        pod.Metadata.NamespaceProperty = ns;

        string groupName = PodMapper.ContainerGroupName(pod);

        Assert.True(Valid().IsMatch(groupName), $"Pod {ns}/{name}: expected a valid ECI name, got \"{groupName}\".");
        Assert.Equal(groupName, PodMapper.ContainerGroupName(pod));
    }

    [Fact]
    public void ContainerGroupName_DotsAndDashes_DoNotCollide()
    {
        Assert.NotEqual(PodMapper.ContainerGroupName(PodFixtures.Simple("web.v2")), PodMapper.ContainerGroupName(PodFixtures.Simple("web-v2")));
    }

    [Fact]
    public void ContainerGroupName_Long_CutTo128WithHash()
    {
        var a = PodFixtures.Simple(new string('a', 200));
        var b = PodFixtures.Simple(new string('a', 199) + "b");

        string nameA = PodMapper.ContainerGroupName(a);
        string nameB = PodMapper.ContainerGroupName(b);

        Assert.True(nameA.Length == 128 && Valid().IsMatch(nameA), $"Pod default/{a.Metadata.Name}: expected a valid 128-character name, got {nameA.Length}: {nameA}");
        Assert.NotEqual(nameA, nameB);
    }
}
