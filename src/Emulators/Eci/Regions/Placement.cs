namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>Where a container group landed: zone, vSwitch, IP, security group and compute spec.</summary>
internal sealed record Placement(string ZoneId, string VSwitchId, string SecurityGroupId, Spec Spec, string IntranetIp, string? AutoMatchedType);
