using Microsoft.Extensions.Time.Testing;

using OrleansEci.Grains.Zones;

namespace OrleansEci.Grains.Tests.Zones;

/// <summary>Facts, their decay on a fake clock, and merging copies from several silos.</summary>
public sealed class ZoneKnowledgeTests
{
    private static readonly TimeSpan Decay = TimeSpan.FromMinutes(10);

    [Fact]
    public void Facts_NoStockOlderThanTheDecay_IsForgottenSoTheZoneIsTriedAgain()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var known = new ZoneKnowledge(Decay);
        known.Apply(new ZoneReport(ZoneOutcome.NoStock, ["2-4Gi"], [], null, clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(ZoneView.Merge(clock.GetUtcNow(), known.Facts(clock.GetUtcNow())).IsSpecOut("2-4Gi"), "Expected 2-4Gi still out 9 minutes after NoStock");

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(ZoneView.Merge(clock.GetUtcNow(), known.Facts(clock.GetUtcNow())).IsSpecOut("2-4Gi"), "Expected 2-4Gi tried again after the 10-minute decay");
        Assert.Empty(known.Facts(clock.GetUtcNow()));
    }

    [Fact]
    public void Apply_SuccessAfterNoStock_ClearsTheRefusal()
    {
        DateTimeOffset t = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var known = new ZoneKnowledge(Decay);
        known.Apply(new ZoneReport(ZoneOutcome.NoStock, ["2-4Gi"], [], null, t));
        known.Apply(new ZoneReport(ZoneOutcome.Created, ["2-4Gi"], ["vsw-h"], null, t.AddSeconds(5)));
        ZoneView view = ZoneView.Merge(t.AddSeconds(6), known.Facts(t.AddSeconds(6)));
        Assert.False(view.IsSpecOut("2-4Gi"), "Expected a later success to clear NoStock");
        Assert.True(view.IsSpecAvailable("2-4Gi"));
        Assert.Equal(1, view.Placed("vsw-h"));
    }

    [Fact]
    public void Apply_LateReportOfAnOlderRefusal_DoesNotOverrideANewerSuccess()
    {
        DateTimeOffset t = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var known = new ZoneKnowledge(Decay);
        known.Apply(new ZoneReport(ZoneOutcome.Created, ["2-4Gi"], [], null, t.AddSeconds(5)));
        known.Apply(new ZoneReport(ZoneOutcome.NoStock, ["2-4Gi"], [], null, t));
        Assert.False(ZoneView.Merge(t.AddSeconds(6), known.Facts(t.AddSeconds(6))).IsSpecOut("2-4Gi"), "Expected the newer success to win over a refusal reported late");
    }

    [Fact]
    public void Merge_LocalRefusalNewerThanRemoteSuccess_RefusalWins()
    {
        DateTimeOffset t = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var remote = new ZoneKnowledge(Decay);
        remote.Apply(new ZoneReport(ZoneOutcome.Created, ["2-4Gi"], ["vsw-h"], null, t));
        remote.Apply(new ZoneReport(ZoneOutcome.Created, ["2-4Gi"], ["vsw-h"], null, t));
        var local = new ZoneKnowledge(Decay);
        local.Apply(new ZoneReport(ZoneOutcome.NoStock, ["2-4Gi"], [], null, t.AddSeconds(1)));
        local.Apply(new ZoneReport(ZoneOutcome.Created, ["4-8Gi"], ["vsw-h"], null, t.AddSeconds(1)));
        ZoneView view = ZoneView.Merge(t.AddSeconds(2), local.Facts(t.AddSeconds(2)), remote.Facts(t.AddSeconds(2)));
        Assert.True(view.IsSpecOut("2-4Gi"), "Expected this silo's newer NoStock to beat the zone grain's older success");
        Assert.Equal(2, view.Placed("vsw-h"));
    }

    [Fact]
    public void Apply_StockClose_ClosesEverySpecUntilASuccess()
    {
        DateTimeOffset t = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var known = new ZoneKnowledge(Decay);
        known.Apply(new ZoneReport(ZoneOutcome.StockClose, [], [], null, t));
        Assert.True(ZoneView.Merge(t, known.Facts(t)).IsSpecOut("ecs.c6.large"), "Expected a closed zone to count as out for every spec");
        known.Apply(new ZoneReport(ZoneOutcome.Created, ["ecs.c6.large"], [], null, t.AddSeconds(1)));
        Assert.False(ZoneView.Merge(t.AddSeconds(1), known.Facts(t.AddSeconds(1))).IsClosed, "Expected a success to reopen the zone");
    }

    [Theory]
    [InlineData("192.168.0.0/24", 252)]
    [InlineData("10.0.0.0/29", 4)]
    public void UsableAddresses_ValidBlock_IsSizeMinusFourReserved(string cidr, int expected) =>
        Assert.Equal(expected, ZoneKnowledgeOptions.UsableAddresses(cidr));

    [Theory]
    [InlineData("192.168.0.0/30")]
    [InlineData("fd00::/64")]
    [InlineData("not-a-cidr")]
    public void Validate_MalformedCidr_SaysWhichVSwitchAndHowToFixIt(string cidr)
    {
        var options = new ZoneKnowledgeOptions();
        options.VSwitches["vsw-x"] = new ZoneVSwitchOptions { ZoneId = "cn-hangzhou-h", CidrBlock = cidr };
        var e = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("Zones:VSwitches:vsw-x:CidrBlock", e.Message, StringComparison.Ordinal);
        Assert.Contains("/8 to /29", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownStrategyAndZeroDecay_NamesBoth()
    {
        var options = new ZoneKnowledgeOptions { DefaultScheduleStrategy = "Sideways", Decay = TimeSpan.Zero };
        var e = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("Zones:DefaultScheduleStrategy is 'Sideways'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Zones:Decay", e.Message, StringComparison.Ordinal);
    }
}
