namespace OrleansEci.Eci.Regions;

/// <summary>One instance type or family and its stock.</summary>
public sealed record SupportedResource
{
    /// <summary>E.g. <c>ecs.c5.large</c>.</summary>
    public string? Value { get; init; }

    /// <summary><c>WithStock</c>, <c>ClosedWithStock</c>, <c>WithoutStock</c> or <c>ClosedWithoutStock</c>.</summary>
    public string? StatusCategory { get; init; }
}
