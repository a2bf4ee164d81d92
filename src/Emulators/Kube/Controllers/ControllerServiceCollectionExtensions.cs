using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using OrleansEci.Emulators.Kube.Scheduling;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>Adds the scheduler and the controllers that <see cref="ControllerOptions"/> turns on, each a hosted background loop.</summary>
public static class ControllerServiceCollectionExtensions
{
    public static IServiceCollection AddKubeControllers(this IServiceCollection services, ControllerOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton<EventRecorder>();
        services.TryAddSingleton<GarbageCollection.DeletionPropagation>();
        if (options.Scheduler.Enabled)
        {
            services.AddHostedService<Scheduler>();
        }

        if (options.Deployments.Enabled)
        {
            services.AddHostedService<Deployments.DeploymentController>();
        }

        if (options.ReplicaSets.Enabled)
        {
            services.AddHostedService<ReplicaSets.ReplicaSetController>();
        }

        if (options.Jobs.Enabled)
        {
            services.AddHostedService<Jobs.JobController>();
        }

        if (options.NodeLifecycle.Enabled)
        {
            services.AddHostedService<NodeLifecycle.NodeLifecycleController>();
        }

        if (options.NodeLifecycle.TaintEviction)
        {
            services.AddHostedService<NodeLifecycle.TaintEvictionController>();
        }

        if (options.GarbageCollector.Enabled)
        {
            services.AddHostedService<GarbageCollection.GarbageCollector>();
        }

        if (options.Disruption.Enabled)
        {
            services.AddHostedService<Disruption.DisruptionController>();
        }

        if (options.FakeKubelet.Enabled)
        {
            services.AddHostedService<FakeKubelet.FakeKubelet>();
        }

        return services;
    }
}
