namespace OrleansEci.Grains.Zones;

/// <summary>What a create (or an ECI event about it) said about a zone.</summary>
[GenerateSerializer, Alias("eci.ZoneOutcome")]
public enum ZoneOutcome
{
    /// <summary>A group was created: one of <see cref="ZoneReport.Specs"/> had stock, the vSwitch an address.</summary>
    Created = 0,

    /// <summary><c>OperationDenied.NoStock</c> (or the <c>NoStock</c> event): none of <see cref="ZoneReport.Specs"/> had stock in the zone.</summary>
    NoStock = 1,

    /// <summary><c>StockExhaust</c> event: the spec's stock in the zone is about to run out.</summary>
    StockExhaust = 2,

    /// <summary><c>StockClose</c> event: the zone is closed for new instances (every spec).</summary>
    StockClose = 3,

    /// <summary><c>InvalidVSwitchId.IpNotEnough</c>: <see cref="ZoneReport.VSwitchIds"/> have no free address.</summary>
    IpExhausted = 4,

    /// <summary><c>SecurityGroupInstanceLimitExceed</c>: <see cref="ZoneReport.SecurityGroupId"/> is full.</summary>
    SecurityGroupFull = 5,

    /// <summary>A group on <see cref="ZoneReport.VSwitchIds"/> was deleted: its address is free again.</summary>
    Released = 6,

    /// <summary>DescribeAvailableResource listed <see cref="ZoneReport.Specs"/> as <c>WithStock</c> (nothing was placed).</summary>
    InStock = 7,
}
