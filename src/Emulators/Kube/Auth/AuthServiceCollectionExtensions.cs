using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds service-account tokens (TokenRequest, and their use as bearer tokens), TokenReview and SubjectAccessReview.
    /// <paramref name="authenticationEnabled"/>: whether the server requires a bearer token (see <see cref="AccessPolicy"/>).
    /// </summary>
    public static IServiceCollection AddKubeAuth(this IServiceCollection services, bool authenticationEnabled)
    {
        services.AddSingleton<ServiceAccountTokenIssuer>();
        services.AddSingleton<ServiceAccountTokenAuthenticator>();
        services.AddSingleton<ITokenAuthenticator>(provider => provider.GetRequiredService<ServiceAccountTokenAuthenticator>());
        services.AddSingleton(new AccessPolicy(authenticationEnabled));
        services.AddSingleton<IResourceTypeSource, AuthResources>();
        return services;
    }
}
