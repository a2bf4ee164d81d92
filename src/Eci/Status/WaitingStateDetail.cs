namespace OrleansEci.Eci.Status;

/// <summary>A waiting state.</summary>
public sealed record WaitingStateDetail
{
    /// <summary>Why.</summary>
    public string? Reason { get; init; }

    /// <summary>Details.</summary>
    public string? Message { get; init; }
}
