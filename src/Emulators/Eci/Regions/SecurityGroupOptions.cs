namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>A security group and how many instances it may hold.</summary>
public sealed class SecurityGroupOptions
{
    /// <summary>Security group id, e.g. <c>sg-emu-default</c>. Required.</summary>
    public string SecurityGroupId { get; set; } = "";

    /// <summary>Most container groups at once (ECS: 2000 for a basic group, 65536 for an enterprise group). Default 2000.</summary>
    public int InstanceQuota { get; set; } = 2000;
}
