using System.Net;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

using OrleansEci.Emulators.Eci.Control;
using OrleansEci.Emulators.Eci.Exec;
using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.Logs;
using OrleansEci.Emulators.Eci.Metrics;
using OrleansEci.Emulators.Eci.Protocol;
using OrleansEci.Emulators.Eci.Regions;

namespace OrleansEci.Emulators.Eci.Hosting;

/// <summary>
/// The local ECI service, in-process: <c>await using var eci = await EciEmulatorHost.StartAsync(options, fakeTime);</c>
/// then sign requests to <see cref="BaseUri"/>, drive the lifecycle with the <see cref="TimeProvider"/> and steer it
/// through <see cref="ControlUri"/>. Disposing stops it.
/// </summary>
public sealed class EciEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EciEmulatorHost(WebApplication app, EciEmulatorOptions options, TimeProvider time, Uri baseUri)
    {
        _app = app;
        Options = options;
        TimeProvider = time;
        BaseUri = baseUri;
    }

    /// <summary>The RPC endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The control API root, <c>{BaseUri}_emulator/</c>.</summary>
    public Uri ControlUri => new(BaseUri, ControlEndpoints.Prefix + "/");

    /// <summary>The configuration, including the region model (zones, vSwitches, security groups, instance types).</summary>
    public EciEmulatorOptions Options { get; }

    /// <summary>The region model the service runs.</summary>
    public RegionOptions Region => Options.Region;

    /// <summary>The clock every lifecycle step, signature timestamp and rate limit runs on.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Validates <paramref name="options"/>, starts listening and returns once the port is bound.</summary>
    /// <param name="options">Configuration; <see cref="EciEmulatorOptions.Port"/> 0 picks a free port.</param>
    /// <param name="timeProvider">The clock (default <see cref="TimeProvider.System"/>); tests pass a FakeTimeProvider.</param>
    /// <param name="configureLogging">Logging set-up; by default nothing is logged.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<EciEmulatorHost> StartAsync(
        EciEmulatorOptions options,
        TimeProvider? timeProvider = null,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TimeProvider time = timeProvider ?? TimeProvider.System;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(options.ListenAddress), options.Port));
        EmulatorState state = new(options, time);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton<RpcEndpoint>();
        AddActions(builder.Services);
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.Map("/", (HttpContext http, RpcEndpoint rpc) => rpc.HandleAsync(http));
        app.Map("/exec/", (HttpContext http) => ExecWebSocketEndpoint.HandleAsync(http, state));
        app.MapControlApi(state);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Uri baseUri = new(address.EndsWith('/') ? address : address + "/");
        state.BaseUri = baseUri;
        EmulatorLog.Listening(app.Services.GetRequiredService<ILogger<EciEmulatorHost>>(), baseUri, options.Region.RegionId, options.AccessKeys.Count);
        return new EciEmulatorHost(app, options, time, baseUri);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C or SIGTERM for the standalone command).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void AddActions(IServiceCollection services)
    {
        services.AddSingleton<IEciAction, CreateContainerGroupAction>();
        services.AddSingleton<IEciAction, DescribeContainerGroupsAction>();
        services.AddSingleton<IEciAction, DescribeContainerGroupStatusAction>();
        services.AddSingleton<IEciAction, DescribeContainerGroupEventsAction>();
        services.AddSingleton<IEciAction, DeleteContainerGroupAction>();
        services.AddSingleton<IEciAction, RestartContainerGroupAction>();
        services.AddSingleton<IEciAction, UpdateContainerGroupAction>();
        services.AddSingleton<IEciAction, DescribeContainerLogAction>();
        services.AddSingleton<IEciAction, ExecContainerCommandAction>();
        services.AddSingleton<IEciAction, DescribeContainerGroupMetricAction>();
        services.AddSingleton<IEciAction, DescribeMultiContainerGroupMetricAction>();
        services.AddSingleton<IEciAction, DescribeRegionsAction>();
        services.AddSingleton<IEciAction, DescribeAvailableResourceAction>();
        services.AddSingleton<IEciAction, ListUsageAction>();
    }
}
