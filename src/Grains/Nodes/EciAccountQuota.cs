namespace OrleansEci.Grains.Nodes;

/// <summary>
/// What is known of the account's pay-as-you-go vCPU quota in the region: the total and how much of it is in use
/// (ECS <c>DescribeAccountAttributes</c> reports both as <c>max-postpaid-instance-vcpu-count</c> and
/// <c>used-postpaid-instance-vcpu-count</c>; ECI instances count against it). Used by
/// <see cref="NodeCapacity.ShrinkToAccount"/>.
/// </summary>
/// <param name="TotalVCpus">The quota; at least zero.</param>
/// <param name="UsedVCpus">vCPUs in use in the whole account and region, by every cluster and node; at least zero.</param>
public sealed record EciAccountQuota(decimal TotalVCpus, decimal UsedVCpus)
{
    /// <summary>vCPUs still free: the quota minus what is used, never below zero.</summary>
    public decimal FreeVCpus => Math.Max(0, TotalVCpus - UsedVCpus);
}
