namespace OrleansEci.Eci.Status;

/// <summary>One entry of <c>PodIps</c>.</summary>
public sealed record PodIpInfo
{
    /// <summary>The IP.</summary>
    public string? Ip { get; init; }
}
