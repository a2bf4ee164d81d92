namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>A vSwitch: a zone's subnet. Its CIDR block bounds how many container groups it can hold.</summary>
public sealed class VSwitchOptions
{
    /// <summary>vSwitch id, e.g. <c>vsw-emu-h</c>. Required.</summary>
    public string VSwitchId { get; set; } = "";

    /// <summary>The zone this vSwitch lives in. Required; must name a configured zone.</summary>
    public string ZoneId { get; set; } = "";

    /// <summary>IPv4 CIDR block, e.g. <c>192.168.0.0/24</c>. As in Alibaba VPCs, the first address and the last
    /// three are reserved, so a /24 has 252 usable addresses (https://www.alibabacloud.com/help/en/vpc/user-guide/create-and-manage-vswitch).</summary>
    public string CidrBlock { get; set; } = "";
}
