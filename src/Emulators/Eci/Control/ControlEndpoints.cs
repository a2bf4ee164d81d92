using System.Net;

using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Eci.Protocol;
using OrleansEci.Emulators.Eci.RateLimiting;

namespace OrleansEci.Emulators.Eci.Control;

/// <summary>
/// The control API under <c>/_emulator/</c>: unsigned, loopback callers only (others get 403). For tests and
/// benchmarks; production code never calls it. Routes are listed in the README ("Local ECI service").
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator";

    public static void MapControlApi(this IEndpointRouteBuilder app, EmulatorState state)
    {
        RouteGroupBuilder api = app.MapGroup(Prefix).AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.Connection.RemoteIpAddress is IPAddress ip && IPAddress.IsLoopback(ip)
                ? await next(ctx).ConfigureAwait(false)
                : Results.Problem("The control API answers loopback callers only.", statusCode: 403));

        api.MapGet("/calls", () => Results.Ok(state.Counters.Snapshot()));
        api.MapGet("/faults", () => Results.Ok(state.Faults.Rules));
        api.MapPost("/faults", (FaultRule rule) =>
        {
            string[] problems = [.. rule.Validate()];
            if (problems.Length > 0)
            {
                return Results.BadRequest(new { errors = problems });
            }

            state.Faults.Add(rule);
            return Results.Ok(rule);
        });
        api.MapDelete("/faults", () =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        api.MapPut("/stock", (StockRequest r) =>
        {
            if (!state.Options.Region.Zones.Any(z => z.ZoneId == r.ZoneId) || r.Stock < 0)
            {
                return Results.BadRequest(new { error = $"zone '{r.ZoneId}' is not configured or stock {r.Stock} is negative" });
            }

            state.Region.SetStock(r.ZoneId, r.Spec, r.Stock, state.Now);
            return Results.NoContent();
        });
        api.MapPut("/spot-price", (SpotPriceRequest r) =>
        {
            state.Region.SetSpotPrice(r.Spec, r.Price, state.Now);
            return Results.NoContent();
        });
        api.MapPut("/zones/{zoneId}", (string zoneId, ZoneRequest r) =>
        {
            if (!state.Options.Region.Zones.Any(z => z.ZoneId == zoneId))
            {
                return Results.NotFound(new { error = $"zone {zoneId} is not configured" });
            }

            state.Region.SetZoneAvailable(zoneId, r.Available);
            return Results.NoContent();
        });
        api.MapPut("/rate-limits", (RateLimitRequest r) => SetRateLimit(state, r));
        api.MapPost("/groups/{id}/reclaim", (string id) => OnGroup(state, id, (g, now) => g.Reclaim(now, state.Context)));
        api.MapPost("/groups/{id}/containers/{name}/crash", (string id, string name, CrashRequest? r) =>
            OnGroup(state, id, (g, now) => g.Crash(name, r?.ExitCode ?? 137, now, state.Context)));
        api.MapGet("/region", () => Results.Ok(new
        {
            state.Options.Region.RegionId,
            state.Region.UsedCpu,
            state.Options.Region.VcpuQuota,
            Groups = state.Groups.Count,
            VSwitches = state.Options.Region.VSwitches.Select(v => new { v.VSwitchId, v.ZoneId, FreeIps = state.Region.Pools[v.VSwitchId].Free }),
        }));
        api.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });
    }

    private static IResult SetRateLimit(EmulatorState state, RateLimitRequest r)
    {
        if (r.Unlimited is bool unlimited)
        {
            state.RateLimits.Unlimited = unlimited;
        }

        if (r.Action is null)
        {
            return Results.NoContent();
        }

        RateLimitRule rule = (r.Burst, r.RefillPerSecond, r.PerMinute) switch
        {
            (int burst, double rate, null) when burst > 0 && rate > 0 => RateLimitRule.TokenBucket(burst, rate),
            (null, null, int perMinute) when perMinute > 0 => RateLimitRule.PerMinute(perMinute),
            _ => null!,
        };
        if (rule is null)
        {
            return Results.BadRequest(new { error = "Give either burst and refillPerSecond (token bucket) or perMinute, all positive." });
        }

        state.RateLimits.SetRule(r.Action, rule);
        return Results.NoContent();
    }

    private static IResult OnGroup(EmulatorState state, string id, Action<ContainerGroup, DateTimeOffset> change)
    {
        DateTimeOffset now = state.Now;
        ContainerGroup? g = state.Groups.Get(id, now);
        if (g is null)
        {
            return Results.NotFound(new { error = $"container group {id} does not exist" });
        }

        try
        {
            lock (g.Gate)
            {
                change(g, now);
            }

            return Results.NoContent();
        }
        catch (EciApiException e)
        {
            return Results.Conflict(new { e.Code, e.Message });
        }
    }
}
