using System.Net.Sockets;
using System.Security.Authentication;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// Turns a kubelet's failure into the Status kube-apiserver returns, in one place: an error answer as
/// k8s.io/apiserver/pkg/registry/generic/rest/response_checker.go (GenericHttpResponseChecker) maps it, and a
/// connection failure as a 500 carrying Go's error text (what responsewriters.ErrorNegotiated makes of a plain error).
/// </summary>
internal static class BackendErrors
{
    /// <summary>At most this much of an error body is read, as the checker's maxReadLength.</summary>
    public const int MaxErrorBody = 50_000;

    /// <summary>
    /// The Status for a kubelet answer outside 200–206: 500 and 400 carry the kubelet's text; anything else is worded
    /// as apimachinery's NewGenericServerResponse words it, e.g. <c>the server could not find the requested resource ( pods/log web)</c>.
    /// </summary>
    public static ApiException FromStatus(int code, string body, string resource, string name)
    {
        if (code == 500)
        {
            return ApiErrors.Internal(body);
        }

        if (code == 400)
        {
            return ApiErrors.BadRequest(body);
        }

        var (reason, message) = code switch
        {
            401 => ("Unauthorized", "the server has asked for the client to provide credentials"),
            403 => ("Forbidden", body),
            404 => ("NotFound", "the server could not find the requested resource"),
            409 => ("Conflict", "the server reported a conflict"),
            429 => ("TooManyRequests", "the server has received too many requests and has asked us to try again later"),
            >= 500 => ("InternalError", $"an error on the server (\"{body}\") has prevented the request from succeeding"),
            _ => ("", $"the server responded with the status code {code} but did not return more information"),
        };
        return new ApiException(code, reason, $"{message} ( {resource} {name})", new StatusDetails(name, null, resource));
    }

    /// <summary>A failure to reach the kubelet: 500, reason unset, the message Go would print (<c>Get "url": reason</c>).</summary>
    public static ApiException Unreachable(string method, Uri uri, Exception error) =>
        new(500, "", $"{method} \"{uri}\": {Describe(error)}");

    /// <summary>The same for an upgrade the proxy could not dial (k8s.io/apimachinery/pkg/util/proxy: "error dialing backend").</summary>
    public static ApiException DialFailed(Exception error) => new(500, "", $"error dialing backend: {Describe(error)}");

    /// <summary>Whether an exception means the kubelet could not be reached (rather than a bug).</summary>
    public static bool IsConnectionFailure(Exception error) =>
        error is HttpRequestException or SocketException or AuthenticationException or IOException or TimeoutException
        || (error is OperationCanceledException && error.InnerException is TimeoutException);

    public static string Describe(Exception error) => error switch
    {
        HttpRequestException { InnerException: SocketException socket } => $"dial tcp: {socket.Message}",
        SocketException socket => $"dial tcp: {socket.Message}",
        HttpRequestException { InnerException: AuthenticationException tls } => $"tls: {tls.Message}",
        AuthenticationException tls => $"tls: {tls.Message}",
        _ => error.Message,
    };

    private static string ReasonOf(int code) => code switch
    {
        401 => "Unauthorized",
        403 => "Forbidden",
        409 => "Conflict",
        410 => "Gone",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "",
    };
}
