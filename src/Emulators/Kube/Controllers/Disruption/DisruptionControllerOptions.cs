namespace OrleansEci.Emulators.Kube.Controllers.Disruption;

/// <summary>The disruption (PodDisruptionBudget) controller's options.</summary>
public sealed class DisruptionControllerOptions
{
    /// <summary>Whether the server runs the disruption controller. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
