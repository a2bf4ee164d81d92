namespace OrleansEci.Emulators.Kube.Controllers.Disruption;

/// <summary>
/// A PodDisruptionBudget's computed status: expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed and the
/// evictions still waiting for their deletion; <paramref name="RecheckAt"/> is when the earliest of those times out;
/// <paramref name="Error"/> says why the expected count could not be computed (then nothing may be disrupted).
/// </summary>
internal sealed record BudgetStatus(
    int ExpectedPods,
    int DesiredHealthy,
    int CurrentHealthy,
    int DisruptionsAllowed,
    IReadOnlyDictionary<string, DateTimeOffset> DisruptedPods,
    DateTimeOffset? RecheckAt,
    string? Error);
