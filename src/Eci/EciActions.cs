namespace OrleansEci.Eci;

/// <summary>The ECI 2018-08-08 action names this client calls (eci-openapi.md §3), and the API version.</summary>
public static class EciActions
{
    /// <summary>The API version sent as <c>Version</c>.</summary>
    public const string ApiVersion = "2018-08-08";

    /// <summary>Creates a container group (asynchronously: it starts in <c>Scheduling</c>).</summary>
    public const string CreateContainerGroup = "CreateContainerGroup";

    /// <summary>Lists container groups with full details, 20 per page.</summary>
    public const string DescribeContainerGroups = "DescribeContainerGroups";

    /// <summary>Lists container group statuses cheaply, up to 200 per page.</summary>
    public const string DescribeContainerGroupStatus = "DescribeContainerGroupStatus";

    /// <summary>Lists container group events.</summary>
    public const string DescribeContainerGroupEvents = "DescribeContainerGroupEvents";

    /// <summary>Deletes a container group.</summary>
    public const string DeleteContainerGroup = "DeleteContainerGroup";

    /// <summary>Updates a container group.</summary>
    public const string UpdateContainerGroup = "UpdateContainerGroup";

    /// <summary>Restarts a container group.</summary>
    public const string RestartContainerGroup = "RestartContainerGroup";

    /// <summary>Reads a container's log.</summary>
    public const string DescribeContainerLog = "DescribeContainerLog";

    /// <summary>Runs a command in a container.</summary>
    public const string ExecContainerCommand = "ExecContainerCommand";

    /// <summary>Reads one container group's metrics.</summary>
    public const string DescribeContainerGroupMetric = "DescribeContainerGroupMetric";

    /// <summary>Reads several container groups' metrics.</summary>
    public const string DescribeMultiContainerGroupMetric = "DescribeMultiContainerGroupMetric";

    /// <summary>Lists regions and zones.</summary>
    public const string DescribeRegions = "DescribeRegions";

    /// <summary>Reads stock per zone for instance types.</summary>
    public const string DescribeAvailableResource = "DescribeAvailableResource";
}
