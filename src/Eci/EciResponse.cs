namespace OrleansEci.Eci;

/// <summary>An ECI answer; every answer carries its <c>RequestId</c>. Also the whole answer of Delete, Restart and Update.</summary>
public record EciResponse
{
    /// <summary>ECI's request id.</summary>
    public string? RequestId { get; init; }
}
