using Microsoft.Extensions.Options;

using OrleansEci.KubeletApi.Hosting;
using OrleansEci.KubeletApi.Logs;

namespace OrleansEci.KubeletApi.Tests.Logs;

/// <summary>Followers share DescribeContainerLog's budget: each polls less often as more follow.</summary>
public sealed class LogFollowBudgetTests
{
    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(10, 2.0)]
    [InlineData(20, 4.0)]
    [InlineData(300, 60.0)]
    public void Interval_WithFollowers_KeepsAllWithinCallsPerMinute(int followers, double seconds)
    {
        var budget = new LogFollowBudget(Options.Create(new KubeletApiOptions { FollowPollInterval = TimeSpan.FromSeconds(2), FollowCallsPerMinute = 300 }));
        var members = Enumerable.Range(0, followers).Select(_ => budget.Join()).ToList();
        Assert.True(budget.Interval == TimeSpan.FromSeconds(seconds), $"Expected a {seconds} s interval for {followers} followers of 300 calls/min, got {budget.Interval}");
        members.ForEach(m => m.Dispose());
        members[0].Dispose(); // leaving twice counts once
        Assert.Equal(0, budget.Followers);
    }
}
