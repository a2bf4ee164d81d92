using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.Upgrade;

/// <summary>
/// The server half of the SPDY/3.1 upgrade for ASP.NET Core, as apimachinery's <c>spdy.UpgradeResponse</c> does it:
/// checks <c>Connection: Upgrade</c> and <c>Upgrade: SPDY/3.1</c> (400 otherwise), negotiates
/// <c>X-Stream-Protocol-Version</c> (400 if none offered, 403 plus <c>X-Accepted-Stream-Protocol-Versions</c> if none
/// shared), answers 101 through <see cref="IHttpUpgradeFeature"/> and starts a server <see cref="SpdySession"/>.
/// </summary>
public static class SpdyUpgradeServer
{
    /// <summary>Whether the request asks to upgrade to SPDY/3.1.</summary>
    public static bool IsSpdyUpgradeRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HeaderContains(request.Headers.Connection, "upgrade") && HeaderContains(request.Headers.Upgrade, "spdy/3.1");
    }

    /// <summary>Upgrades the connection, or writes the error response and returns null. The caller must keep the
    /// request running until it has finished with the session (ASP.NET Core closes the connection when the request
    /// delegate returns) and dispose the session.</summary>
    public static async Task<SpdyUpgradeResult?> AcceptAsync(
        HttpContext context,
        IReadOnlyList<string> serverProtocols,
        SpdySessionOptions? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(serverProtocols);
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (!IsSpdyUpgradeRequest(context.Request) || upgrade is not { IsUpgradableRequest: true })
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, "BadRequest",
                "unable to upgrade: missing upgrade headers in request: Connection: Upgrade and Upgrade: SPDY/3.1 are required").ConfigureAwait(false);
            return null;
        }

        var offered = StreamProtocolNegotiation.ParseClientProtocols(context.Request.Headers[SpdyUpgradeHeaders.ProtocolVersion]);
        if (offered.Count == 0)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, "BadRequest",
                $"unable to upgrade: unable to negotiate protocol: {SpdyUpgradeHeaders.ProtocolVersion} is required").ConfigureAwait(false);
            return null;
        }

        var protocol = StreamProtocolNegotiation.Negotiate(offered, serverProtocols);
        if (protocol is null)
        {
            context.Response.Headers[SpdyUpgradeHeaders.AcceptedProtocolVersions] = serverProtocols.ToArray();
            await FailAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                $"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(" ", offered)}], server accepts [{string.Join(" ", serverProtocols)}]").ConfigureAwait(false);
            return null;
        }

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = SpdyUpgradeHeaders.UpgradeToken;
        context.Response.Headers[SpdyUpgradeHeaders.ProtocolVersion] = protocol;
        var transport = await upgrade.UpgradeAsync().ConfigureAwait(false);
        return new SpdyUpgradeResult(SpdySession.StartServer(transport, options, logger, timeProvider), protocol);
    }

    private static bool HeaderContains(Microsoft.Extensions.Primitives.StringValues values, string token) =>
        values.Any(v => v is not null && v.Contains(token, StringComparison.OrdinalIgnoreCase));

    private static async Task FailAsync(HttpContext context, int status, string reason, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(KubernetesStatus.FailureJson(status, reason, message), context.RequestAborted).ConfigureAwait(false);
    }
}
