using Microsoft.Extensions.DependencyInjection;

namespace OrleansEci.Emulators.Kube.Admission;

public static class AdmissionServiceCollectionExtensions
{
    /// <summary>Adds the mutating admission webhook dispatcher (MutatingWebhookConfiguration objects are served by the core).</summary>
    public static IServiceCollection AddKubeAdmissionWebhooks(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<MutatingWebhookDispatcher>();
        services.AddSingleton<IAdmissionPlugin>(provider => provider.GetRequiredService<MutatingWebhookDispatcher>());
        return services;
    }
}
