using OrleansEci.Grains.Profiles;
using OrleansEci.Profiles;

namespace OrleansEci.Grains.Tests.Profiles;

public sealed class ProfileStateTests
{
    private static readonly Dictionary<string, string> Good = new() { [EciProfileKeys.SecurityGroupId] = "sg-good1" };

    [Fact]
    public void Apply_Valid_BumpsVersionAndKeepsData()
    {
        var state = new ProfileState(Guid.NewGuid());

        ProfileChange change = state.Apply("10", Good);

        Assert.Equal(ProfileChangeKind.Applied, change.Kind);
        Assert.Equal(2, state.Version);
        Assert.Equal("sg-good1", state.Read(Guid.Empty, 0).Data![EciProfileKeys.SecurityGroupId]);
    }

    [Theory]
    [InlineData(EciProfileKeys.SecurityGroupId, "default")]
    [InlineData(EciProfileKeys.VSwitchIds, "vsw-a,,vsw-b")]
    [InlineData(EciProfileKeys.EnableClusterIp, "yes")]
    [InlineData(EciProfileKeys.Selectors, "{not json")]
    [InlineData(EciProfileKeys.Selectors, """[{"name":"all","objectSelector":{"matchLabels":{}}}]""")]
    public void Apply_Malformed_RefusedAndLastGoodStays(string key, string value)
    {
        var state = new ProfileState(Guid.NewGuid());
        state.Apply("10", Good);

        ProfileChange change = state.Apply("11", new Dictionary<string, string>(Good) { [key] = value });

        Assert.True(change.Kind == ProfileChangeKind.Refused, $"Expected {key}: {value} to be refused; got {change.Kind}");
        Assert.Contains(key, change.Problem, StringComparison.Ordinal);
        ProfileSnapshot snapshot = state.Read(Guid.Empty, 0);
        Assert.Equal(2, snapshot.Version);
        Assert.Equal("sg-good1", snapshot.Data![EciProfileKeys.SecurityGroupId]);
        Assert.Equal(change.Problem, snapshot.Problem);
    }

    [Fact]
    public void Apply_SameResourceVersionAgain_Unchanged()
    {
        var state = new ProfileState(Guid.NewGuid());
        state.Apply("10", new Dictionary<string, string> { ["selectors"] = "oops" });

        ProfileChange again = state.Apply("10", new Dictionary<string, string> { ["selectors"] = "oops" });

        Assert.Equal(ProfileChangeKind.Unchanged, again.Kind);
    }

    [Fact]
    public void Reset_AfterApplied_DefaultsWithNewVersion()
    {
        var state = new ProfileState(Guid.NewGuid());
        state.Apply("10", Good);

        Assert.True(state.Reset(), "Expected deleting the ConfigMap to change the profile in force");

        ProfileSnapshot snapshot = state.Read(Guid.Empty, 0);
        Assert.Null(snapshot.Data);
        Assert.Equal(3, snapshot.Version);
    }

    [Fact]
    public void Read_CallerHasCurrentVersion_Unchanged()
    {
        var activation = Guid.NewGuid();
        var state = new ProfileState(activation);
        state.Apply("10", Good);

        Assert.True(state.Read(activation, 2).Unchanged, "Expected the current version to be answered as unchanged");
        Assert.False(state.Read(Guid.NewGuid(), 2).Unchanged, "Expected another activation's version 2 to get the data");
    }
}
