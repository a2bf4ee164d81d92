using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Tests.Nodes;

public sealed class NodeCapacityTests
{
    private static readonly NodeCapacity Quota = NodeCapacity.FromQuota("2000", "8Ti", "500", "60000Gi");

    [Fact]
    public void FromQuota_VkYamlValues_AreCapacityAndAllocatable()
    {
        var capacity = NodeCapacity.FromQuota("1000000", "6400Ti", "10000", "60000Gi");

        Assert.Equal(1_000_000m, capacity.ToCapacity()["cpu"].ToDecimal());
        Assert.Equal(capacity.ToCapacity()["cpu"], capacity.ToAllocatable()["cpu"]);
        Assert.Equal(7_036_874_417_766_400m, capacity.ToAllocatable()["memory"].ToDecimal());
        Assert.Null(capacity.ShrinkReason);
    }

    [Fact]
    public void FromQuota_Malformed_Throws()
    {
        Assert.Throws<FormatException>(() => NodeCapacity.FromQuota("lots", "8Ti", "500", "1Ti"));
    }

    [Fact]
    public void ToCapacity_EachCall_GivesAFreshMap()
    {
        var first = Quota.ToCapacity();
        first.Remove("cpu");

        Assert.True(Quota.ToCapacity().ContainsKey("cpu"), "Editing one map must not change the next.");
    }

    [Fact]
    public void ShrinkToAccount_QuotaUnknown_KeepsTheConfiguredCpu()
    {
        var result = Quota.ShrinkToAccount(null, 12, 0.9);

        Assert.Equal(Quota, result);
    }

    [Fact]
    public void ShrinkToAccount_BelowThreshold_KeepsTheConfiguredCpu()
    {
        var result = Quota.ShrinkToAccount(new EciAccountQuota(1000, 899), 12, 0.9);

        Assert.Equal(2000m, result.AllocatableCpu.ToDecimal());
        Assert.Null(result.ShrinkReason);
    }

    [Fact]
    public void ShrinkToAccount_NearlyUsed_AllocatableIsOwnRequestsPlusFree()
    {
        var result = Quota.ShrinkToAccount(new EciAccountQuota(1000, 900), 12.25m, 0.9);

        Assert.Equal(112.25m, result.AllocatableCpu.ToDecimal());
        Assert.Equal("112250m", result.AllocatableCpu.ToString());
        Assert.Equal(2000m, result.Cpu.ToDecimal());
        Assert.Equal("The account's vCPU quota is nearly used (900 of 1000); allocatable cpu is this node's 12.25 requested plus 100 free.", result.ShrinkReason);
    }

    [Fact]
    public void ShrinkToAccount_FractionalMillicores_RoundDown()
    {
        var result = Quota.ShrinkToAccount(new EciAccountQuota(10, 9.9999m), 0, 0.9);

        Assert.Equal(0m, result.AllocatableCpu.ToDecimal());
    }

    [Fact]
    public void ShrinkToAccount_OverUsedAndNothingRequested_IsZeroNotNegative()
    {
        var result = Quota.ShrinkToAccount(new EciAccountQuota(1000, 1200), 0, 0.9);

        Assert.Equal(0m, result.AllocatableCpu.ToDecimal());
        Assert.Equal("0", result.ToAllocatable()["cpu"].ToString());
    }

    [Fact]
    public void ShrinkToAccount_MuchFree_NeverExceedsTheConfiguredCpu()
    {
        var result = Quota.ShrinkToAccount(new EciAccountQuota(100_000, 95_000), 10, 0.9);

        Assert.Equal(2000m, result.AllocatableCpu.ToDecimal());
        Assert.Null(result.ShrinkReason);
    }

    [Fact]
    public void ShrinkToAccount_AgainAfterQuotaFreed_GrowsBackToTheConfiguredCpu()
    {
        var shrunk = Quota.ShrinkToAccount(new EciAccountQuota(1000, 990), 4, 0.9);

        var grown = shrunk.ShrinkToAccount(new EciAccountQuota(1000, 100), 4, 0.9);

        Assert.Equal(14m, shrunk.AllocatableCpu.ToDecimal());
        Assert.Equal(Quota, grown);
    }

    [Fact]
    public void ShrinkToAccount_MemoryPodsAndStorage_NeverShrink()
    {
        var result = Quota.ShrinkToAccount(new EciAccountQuota(1000, 1000), 0, 0.9);

        Assert.Equal(Quota.ToCapacity()["memory"], result.ToAllocatable()["memory"]);
        Assert.Equal(Quota.ToCapacity()["pods"], result.ToAllocatable()["pods"]);
        Assert.Equal(Quota.ToCapacity()["ephemeral-storage"], result.ToAllocatable()["ephemeral-storage"]);
    }

    [Fact]
    public void ShrinkToAccount_ThresholdZero_AlwaysFollowsTheAccount()
    {
        var result = Quota.ShrinkToAccount(new EciAccountQuota(1000, 0), 0, 0);

        Assert.Equal(1000m, result.AllocatableCpu.ToDecimal());
    }

    [Fact]
    public void ShrinkToAccount_SameInputs_GiveEqualValues()
    {
        var account = new EciAccountQuota(1000, 950);

        Assert.Equal(Quota.ShrinkToAccount(account, 3, 0.9), Quota.ShrinkToAccount(account, 3, 0.9));
        Assert.NotEqual(Quota.ShrinkToAccount(account, 3, 0.9), Quota.ShrinkToAccount(account, 4, 0.9));
    }

    [Theory]
    [InlineData(-1, 0, 1, 0.9)]
    [InlineData(0, -1, 1, 0.9)]
    [InlineData(0, 1, -1, 0.9)]
    [InlineData(0, 1, 1, 1.1)]
    [InlineData(0, 1, 1, double.NaN)]
    public void ShrinkToAccount_NegativeOrOutOfRangeInputs_Throw(double requested, double total, double used, double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Quota.ShrinkToAccount(new EciAccountQuota((decimal)total, (decimal)used), (decimal)requested, threshold));
    }
}
