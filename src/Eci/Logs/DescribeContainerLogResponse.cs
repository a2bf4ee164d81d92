namespace OrleansEci.Eci.Logs;

/// <summary>DescribeContainerLog's answer.</summary>
public sealed record DescribeContainerLogResponse : EciResponse
{
    /// <summary>The container.</summary>
    public string? ContainerName { get; init; }

    /// <summary>The log text.</summary>
    public string? Content { get; init; }
}
