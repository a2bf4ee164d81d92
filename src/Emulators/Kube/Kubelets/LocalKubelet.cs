using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Streaming;
using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>
/// A kubelet HTTPS endpoint on 127.0.0.1 for a node whose pods run nowhere (as KWOK's nodes): it serves the routes
/// kube-apiserver and metrics-server call (reference/kubectl-wire.md §8) from in-memory data, so <c>kubectl logs</c>,
/// <c>exec</c>, <c>attach</c>, <c>port-forward</c> and <c>top</c> work end to end through the local API server.
/// Serving certificate from the cluster CA; callers must present a client certificate from the same CA (as the API
/// server's kubelet client certificate is). Tests and the sandbox fill <see cref="Logs"/> and <see cref="Usage"/>,
/// replace <see cref="ExecHandler"/>, and register the Node with <see cref="RegisterAsync"/>.
/// </summary>
public sealed class LocalKubelet : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();

    private LocalKubelet(WebApplication app, LocalKubeletOptions options, TimeProvider time)
    {
        _app = app;
        NodeName = options.NodeName;
        Logs = new ContainerLogs(time);
        Usage = new ResourceUsage(time);
    }

    public string NodeName { get; }

    /// <summary>The port it listens on (the Node's <c>daemonEndpoints.kubeletEndpoint.Port</c>).</summary>
    public int Port { get; private set; }

    /// <summary>e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri => new($"https://127.0.0.1:{Port}/");

    /// <summary>What <c>/containerLogs</c> serves.</summary>
    public ContainerLogs Logs { get; }

    /// <summary>What <c>/metrics/resource</c> reports.</summary>
    public ResourceUsage Usage { get; }

    /// <summary>Runs exec and attach sessions; default <see cref="LocalCommands.RunAsync"/>.</summary>
    public Func<IRemoteCommandStreams, KubeletExecTarget, CancellationToken, Task> ExecHandler { get; set; } = LocalCommands.RunAsync;

    /// <summary>Where a port-forward to a pod port goes; default that port on 127.0.0.1.</summary>
    public Func<int, EndPoint> PortForwardTarget { get; set; } = port => new IPEndPoint(IPAddress.Loopback, port);

    /// <summary>Every request received, as <c>METHOD /path?query</c>, oldest first (for assertions).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<LocalKubelet> StartAsync(LocalKubeletOptions options, CertificateAuthority ca, TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ca);
        options.Validate();
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = ca.IssueServingCertificate(options.NodeName);
            https.ClientCertificateMode = options.RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => CustomRootTrust.Chains(certificate, [ca.Certificate]);
        })));
        var app = builder.Build();
        var kubelet = new LocalKubelet(app, options, time);
        app.UseWebSockets();
        app.Use((context, next) =>
        {
            kubelet._requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            return next(context);
        });
        kubelet.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        kubelet.Port = new Uri(address).Port;
        return kubelet;
    }

    /// <summary>
    /// The Node this kubelet serves, Ready, with <c>InternalIP</c> 127.0.0.1, its port as
    /// <c>daemonEndpoints.kubeletEndpoint.Port</c>, and 4 CPUs, 8 GiB and 110 pods allocatable.
    /// </summary>
    public JsonObject NodeManifest() => LocalNodeManifest.Build(NodeName, Port);

    /// <summary>Creates (or replaces) the Node object and its status in the API server.</summary>
    public Task RegisterAsync(ResourceService service, CancellationToken cancellationToken = default) =>
        LocalNodeManifest.RegisterAsync(service, NodeManifest(), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/metrics/resource", (HttpContext context) =>
            Results.Text(Usage.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/containerLogs/{ns}/{pod}/{container}", ServeLogsAsync);
        foreach (var kind in new[] { "exec", "attach" })
        {
            var attach = kind == "attach";
            app.MapMethods($"/{kind}/{{ns}}/{{pod}}/{{container}}", ["GET", "POST"],
                (HttpContext context, string ns, string pod, string container) => ServeExecAsync(context, new KubeletExecTarget(ns, pod, container, attach)));
            app.MapMethods($"/{kind}/{{ns}}/{{pod}}/{{uid}}/{{container}}", ["GET", "POST"],
                (HttpContext context, string ns, string pod, string container) => ServeExecAsync(context, new KubeletExecTarget(ns, pod, container, attach)));
        }

        app.MapMethods("/portForward/{ns}/{pod}", ["GET", "POST"], (HttpContext context) => LocalPortForward.ServeAsync(context, PortForwardTarget));
    }

    private async Task ServeLogsAsync(HttpContext context, string ns, string pod, string container)
    {
        var request = ContainerLogRequest.Parse(context.Request.Query, Logs.Now);
        var log = Logs.Get(ns, pod, container, request.Previous, create: !request.Previous);
        if (log is null)
        {
            // The kubelet's answer when there is no terminated instance (pkg/kubelet/kuberuntime/kuberuntime_container.go).
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync($"previous terminated container \"{container}\" in pod \"{pod}\" not found", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        try
        {
            await request.WriteAsync(context.Response, log, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The follower went away.
        }
    }

    private async Task ServeExecAsync(HttpContext context, KubeletExecTarget target)
    {
        var request = RemoteCommandRequest.FromKubeletQuery(context.Request.Query, target.Container);
        await using var streams = await RemoteCommandServer.AcceptAsync(context, request).ConfigureAwait(false);
        if (streams is not null)
        {
            await ExecHandler(streams, target, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
