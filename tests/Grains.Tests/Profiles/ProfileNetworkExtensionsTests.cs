using OrleansEci.Grains.Cluster;
using OrleansEci.Grains.Profiles;
using OrleansEci.Profiles;

namespace OrleansEci.Grains.Tests.Profiles;

public sealed class ProfileNetworkExtensionsTests
{
    private static readonly EciProfile Profile = EciProfileParser.Parse(new Dictionary<string, string>
    {
        [EciProfileKeys.VpcId] = "vpc-p1",
        [EciProfileKeys.VSwitchIds] = "vsw-p1,vsw-p2",
        [EciProfileKeys.SecurityGroupId] = "sg-p1",
        [EciProfileKeys.ResourceGroupId] = "rg-p1",
    }).Profile!;

    [Fact]
    public void NetworkFor_NodeLeavesEverythingOpen_TakesTheProfiles()
    {
        var node = new VirtualNodeSettings("vk-a", [], null, null, null, "10.0.0.1");

        ProfileNetwork network = new Fixed(Profile).NetworkFor(node);

        Assert.Equal(new ProfileNetwork("vpc-p1", network.VSwitchIds, "sg-p1", "rg-p1"), network);
        Assert.Equal(["vsw-p1", "vsw-p2"], network.VSwitchIds);
    }

    [Fact]
    public void NetworkFor_NodeSetsItsOwn_NodeWins()
    {
        var node = new VirtualNodeSettings("vk-a", ["vsw-n1"], "sg-n1", "rg-n1", "cn-hangzhou-h", "10.0.0.1");

        ProfileNetwork network = new Fixed(Profile).NetworkFor(node);

        Assert.Equal(["vsw-n1"], network.VSwitchIds);
        Assert.Equal("sg-n1", network.SecurityGroupId);
        Assert.Equal("rg-n1", network.ResourceGroupId);
        Assert.Equal("vpc-p1", network.VpcId);
    }

    [Fact]
    public void NetworkFor_DefaultProfile_LeavesOpenFieldsOpen()
    {
        var node = new VirtualNodeSettings("vk-a", [], null, null, null, "10.0.0.1");

        ProfileNetwork network = new Fixed(EciProfile.Default).NetworkFor(node);

        Assert.Empty(network.VSwitchIds);
        Assert.Null(network.SecurityGroupId);
        Assert.Null(network.VpcId);
    }

    private sealed class Fixed(EciProfile profile) : IEciProfileSource
    {
        public EciProfile Current => profile;
    }
}
