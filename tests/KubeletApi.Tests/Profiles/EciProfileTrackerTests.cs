using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Tests.Profiles;

public sealed class EciProfileTrackerTests
{
    [Fact]
    public void Apply_BrokenAfterGood_KeepsTheLastGoodProfileAndReportsWhy()
    {
        var tracker = new EciProfileTracker();
        tracker.Apply(new Dictionary<string, string> { ["vpcId"] = "vpc-good1", ["vSwitchIds"] = "vsw-a1" });

        ProfileParseResult broken = tracker.Apply(new Dictionary<string, string> { ["vpcId"] = "vpc-good2", ["selectors"] = "[{]" });

        Assert.False(broken.IsValid);
        Assert.Equal("vpc-good1", tracker.Current.VpcId);
        Assert.Equal("selectors", Assert.Single(tracker.LastErrors).Key);
    }

    [Fact]
    public void Apply_GoodAfterBroken_ReplacesTheProfileAndClearsErrors()
    {
        var tracker = new EciProfileTracker();
        tracker.Apply(new Dictionary<string, string> { ["enableClusterIp"] = "sometimes" });

        tracker.Apply(new Dictionary<string, string> { ["enableClusterIp"] = "true" });

        Assert.True(tracker.Current.EnableClusterIp);
        Assert.Empty(tracker.LastErrors);
    }

    [Fact]
    public void Apply_BrokenFirst_KeepsTheDefaultProfile()
    {
        var tracker = new EciProfileTracker();

        tracker.Apply(new Dictionary<string, string> { ["vSwitchIds"] = "subnet-1" });

        Assert.Same(EciProfile.Default, tracker.Current);
    }

    [Fact]
    public void Reset_AfterAProfile_ReturnsToTheDefault()
    {
        var tracker = new EciProfileTracker();
        tracker.Apply(new Dictionary<string, string> { ["selectors"] = "[]" });

        tracker.Reset();

        Assert.Same(EciProfile.Default, tracker.Current);
    }
}
