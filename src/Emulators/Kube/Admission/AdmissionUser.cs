using Microsoft.AspNetCore.Http;

using OrleansEci.Emulators.Kube.Auth;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// Who is asking, for AdmissionReview <c>userInfo</c>: the authenticated caller of the HTTP request; on a server that
/// does not authenticate, <c>system:anonymous</c>; for writes made inside the server (controllers), <c>system:apiserver</c>
/// in <c>system:masters</c>, the identity of kube-apiserver's loopback client.
/// </summary>
internal static class AdmissionUser
{
    public static readonly AuthenticatedUser Anonymous = new("system:anonymous", "", ["system:unauthenticated"]);

    public static readonly AuthenticatedUser Loopback = new("system:apiserver", "", ["system:authenticated", "system:masters"]);

    public static AuthenticatedUser Of(IHttpContextAccessor accessor) => accessor.HttpContext switch
    {
        null => Loopback,
        var http => http.Items[BearerTokenMiddleware.UserKey] as AuthenticatedUser ?? Anonymous,
    };
}
