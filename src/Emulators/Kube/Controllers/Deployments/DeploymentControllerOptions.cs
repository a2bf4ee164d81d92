namespace OrleansEci.Emulators.Kube.Controllers.Deployments;

/// <summary>The Deployment controller's options.</summary>
public sealed class DeploymentControllerOptions
{
    /// <summary>Whether the server runs the Deployment controller. Default true.</summary>
    public bool Enabled { get; set; } = true;

    public void Validate()
    {
        // Nothing to check beyond the switch.
    }
}
