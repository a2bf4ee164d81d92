using OrleansEci.Emulators.Kube.Controllers.Deployments;
using OrleansEci.Emulators.Kube.Controllers.Disruption;
using OrleansEci.Emulators.Kube.Controllers.FakeKubelet;
using OrleansEci.Emulators.Kube.Controllers.GarbageCollection;
using OrleansEci.Emulators.Kube.Controllers.Jobs;
using OrleansEci.Emulators.Kube.Controllers.NodeLifecycle;
using OrleansEci.Emulators.Kube.Controllers.ReplicaSets;
using OrleansEci.Emulators.Kube.Scheduling;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>
/// Which background loops the server runs beside the API (each on by default, as in a cluster), and their settings.
/// Tests turn off what they do not exercise: <c>options.Controllers.DisableAll(); options.Controllers.Scheduler.Enabled = true;</c>.
/// </summary>
public sealed class ControllerOptions
{
    public SchedulerOptions Scheduler { get; set; } = new();

    public DeploymentControllerOptions Deployments { get; set; } = new();

    public ReplicaSetControllerOptions ReplicaSets { get; set; } = new();

    public JobControllerOptions Jobs { get; set; } = new();

    public NodeLifecycleOptions NodeLifecycle { get; set; } = new();

    public GarbageCollectorOptions GarbageCollector { get; set; } = new();

    public FakeKubeletOptions FakeKubelet { get; set; } = new();

    public DisruptionControllerOptions Disruption { get; set; } = new();

    /// <summary>Turns every loop off (then turn on the ones wanted).</summary>
    public ControllerOptions DisableAll()
    {
        Scheduler.Enabled = false;
        Deployments.Enabled = false;
        ReplicaSets.Enabled = false;
        Jobs.Enabled = false;
        NodeLifecycle.Enabled = false;
        NodeLifecycle.TaintEviction = false;
        GarbageCollector.Enabled = false;
        FakeKubelet.Enabled = false;
        Disruption.Enabled = false;
        return this;
    }

    public void Validate()
    {
        Scheduler.Validate();
        Deployments.Validate();
        ReplicaSets.Validate();
        Jobs.Validate();
        NodeLifecycle.Validate();
        GarbageCollector.Validate();
        FakeKubelet.Validate();
    }
}
