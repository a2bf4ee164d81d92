using k8s;
using k8s.Models;

using Microsoft.AspNetCore.Http;

using OrleansEci.KubeletApi.Hosting;

namespace OrleansEci.KubeletApi.Pods;

/// <summary><c>GET /pods</c>: the node's pods as a v1 PodList, as the kubelet's <c>/pods</c> answers.</summary>
internal static class PodsEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, IKubeletPodDirectory directory)
    {
        var node = KubeletRequest.Node(context);
        var pods = await directory.ListPodsAsync(node, context.RequestAborted).ConfigureAwait(false);
        var list = new V1PodList
        {
            ApiVersion = "v1",
            Kind = "PodList",
            Metadata = new V1ListMeta(),
            Items = [.. pods.Select(p => p.Pod)],
        };
        return Results.Text(KubernetesJson.Serialize(list), "application/json", statusCode: StatusCodes.Status200OK);
    }
}
