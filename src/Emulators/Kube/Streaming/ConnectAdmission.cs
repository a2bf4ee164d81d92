using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Admission;
using OrleansEci.Emulators.Kube.Api;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// Admission for CONNECT requests (pods/exec, attach, portforward), run before the kubelet is dialed as kube-apiserver's
/// connect handler does: the object is the request's options (PodExecOptions, ...); a denial answers the client, and
/// changes a plugin makes to the options are not used.
/// </summary>
internal static class ConnectAdmission
{
    public static async Task AdmitAsync(ApiContext context, string subresource, JsonObject options)
    {
        var request = new AdmissionRequest(context.Type, subresource, AdmissionOperation.Connect, context.Request.Namespace, context.Request.Name!, options,
            null, DryRun: false);
        foreach (var plugin in context.Http.RequestServices.GetServices<IAdmissionPlugin>())
        {
            var decision = await plugin.AdmitAsync(request, context.Aborted).ConfigureAwait(false);
            context.AddWarnings(decision.Warnings);
            if (decision.Denial is { } denial)
            {
                throw denial;
            }
        }
    }

    /// <summary>The options object a webhook sees, e.g. <c>{"kind":"PodExecOptions","apiVersion":"v1","stdin":true,...}</c>.</summary>
    public static JsonObject Options(string kind, Spdy.RemoteCommand.RemoteCommandRequest request, bool withCommand)
    {
        var options = new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = "v1",
            ["stdin"] = request.Stdin,
            ["stdout"] = request.Stdout,
            ["stderr"] = request.Stderr,
            ["tty"] = request.Tty,
            ["container"] = request.Container,
        };
        if (withCommand)
        {
            options["command"] = new JsonArray([.. request.Command.Select(c => (JsonNode)c)]);
        }

        return options;
    }
}
