using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.Eci.Resilience;

namespace OrleansEci.Eci.Configuration;

/// <summary>Registers the ECI client: <c>builder.AddEciClient()</c> or <c>services.AddEciClient(configuration)</c>.</summary>
public static class EciClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEciClient"/> with options from the host's configuration (<c>Eci</c>
    /// section), the <c>ECI_*</c> environment variables and <paramref name="configure"/>, in that order.
    /// </summary>
    public static IHostApplicationBuilder AddEciClient(this IHostApplicationBuilder builder, Action<EciClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddEciClient(builder.Configuration, configure);
        return builder;
    }

    /// <summary>
    /// Registers <see cref="IEciClient"/> (one <see cref="EciClient"/> per container, so its token
    /// buckets are shared) over IHttpClientFactory. Options come from the <c>Eci</c> section of
    /// <paramref name="configuration"/> (when given), then the <c>ECI_*</c> environment variables
    /// that are set, then <paramref name="configure"/>; they are validated at start-up.
    /// <see cref="TimeProvider"/> and <see cref="EciRandom"/> are taken from the container when
    /// registered there (tests register fakes), else the system ones.
    /// </summary>
    public static IServiceCollection AddEciClient(this IServiceCollection services, IConfiguration? configuration = null, Action<EciClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<EciClientOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(EciClientOptions.SectionName));
        }

        options.Configure(static o => o.ApplyEnvironment(Environment.GetEnvironmentVariable));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EciClientOptions>, EciClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(EciRandom.Shared);
        services.AddLogging();

        // Our Polly pipeline owns timeouts (per attempt) and retries; HttpClient's 100 s default must not cut across them.
        services.AddHttpClient(EciClient.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(static sp => new EciClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<EciClientOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<EciRandom>(),
            sp.GetRequiredService<ILogger<EciClient>>()));
        services.TryAddSingleton<IEciClient>(static sp => sp.GetRequiredService<EciClient>());
        return services;
    }
}
