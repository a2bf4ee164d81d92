using Microsoft.AspNetCore.Http;

using OrleansEci.KubeletApi.Auth;

namespace OrleansEci.KubeletApi.Hosting;

/// <summary>What the auth filter learned about a request, for the handlers behind it.</summary>
internal static class KubeletRequest
{
    private const string NodeKey = "kubelet.node";
    private const string UserKey = "kubelet.user";

    public static void Set(HttpContext context, string node, KubeletUser user)
    {
        context.Items[NodeKey] = node;
        context.Items[UserKey] = user;
    }

    /// <summary>The virtual node the connection is for.</summary>
    public static string Node(HttpContext context) =>
        context.Items[NodeKey] as string ?? throw new InvalidOperationException("The kubelet auth filter did not run for this endpoint.");
}
