using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using OrleansEci.KubeletApi.Auth;
using OrleansEci.KubeletApi.Errors;
using OrleansEci.KubeletApi.Exec;
using OrleansEci.KubeletApi.Logs;
using OrleansEci.KubeletApi.Metrics;
using OrleansEci.KubeletApi.Pods;
using OrleansEci.KubeletApi.Stats;

namespace OrleansEci.KubeletApi.Hosting;

/// <summary>The kubelet routes (kubectl-wire.md §8), every one behind <see cref="KubeletAuthFilter"/>.</summary>
public static class KubeletApiEndpoints
{
    /// <summary>
    /// Maps the kubelet API: <c>app.MapKubeletApi();</c>. With fixed ports the routes answer only on them (RequireHost
    /// <c>*:port</c>, which the API server's and metrics-server's Host headers carry), so the host's own routes on other
    /// ports, e.g. an unauthenticated <c>/healthz</c> for probes, live beside them and win nowhere on kubelet ports.
    /// </summary>
    public static RouteGroupBuilder MapKubeletApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints is IApplicationBuilder app)
        {
            // exec over WebSocket needs ASP.NET Core's WebSocket middleware (it does the upgrade; idempotent if the host added it too).
            app.UseWebSockets();
        }

        var kubelet = endpoints.MapGroup("").AddEndpointFilter<KubeletAuthFilter>();
        var ports = endpoints.ServiceProvider.GetRequiredService<KubeletNodes>().Ports;
        if (ports is not [0])
        {
            kubelet.RequireHost([.. ports.Select(p => $"*:{p}")]);
        }

        kubelet.MapGet("/healthz", () => Results.Text("ok", "text/plain"));
        kubelet.MapGet("/readyz", () => Results.Text("ok", "text/plain"));
        kubelet.MapGet("/pods", PodsEndpoint.HandleAsync);
        kubelet.MapGet("/containerLogs/{ns}/{pod}/{container}", ContainerLogEndpoint.HandleAsync);
        kubelet.MapGet("/stats/summary", StatsSummaryEndpoint.HandleAsync);
        kubelet.MapGet("/metrics/resource", ResourceMetricsEndpoint.HandleAsync);
        kubelet.MapGet("/metrics", RuntimeMetricsEndpoint.Handle);
        kubelet.MapMethods("/exec/{ns}/{pod}/{container}", ["GET", "POST"], ExecEndpoint.HandleAsync);
        kubelet.MapMethods("/exec/{ns}/{pod}/{uid}/{container}", ["GET", "POST"], ExecEndpoint.HandleWithUidAsync);
        kubelet.MapMethods("/attach/{ns}/{pod}/{container}", ["GET", "POST"], AttachEndpoint.HandleAsync);
        kubelet.MapMethods("/attach/{ns}/{pod}/{uid}/{container}", ["GET", "POST"], AttachEndpoint.HandleWithUidAsync);

        var portForward = new KubeletProblem(KubeletProblemKind.NotImplemented,
            "port-forward is not supported: ECI has no port-forward API; reach the pod through a Service or its pod IP inside the VPC");
        kubelet.MapMethods("/portForward/{ns}/{pod}", ["GET", "POST"], () => KubeletResults.ToResult(portForward));
        kubelet.MapMethods("/portForward/{ns}/{pod}/{uid}", ["GET", "POST"], () => KubeletResults.ToResult(portForward));
        return kubelet;
    }
}
