using System.Text.Json;

using OrleansEci.Emulators.Eci.Control;
using OrleansEci.Emulators.Eci.Hosting;

namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>
/// The RPC endpoint at <c>/</c>: read → authenticate → check version, region and action → injected faults →
/// flow control → the action → the JSON answer, or ECI's error envelope for any <see cref="EciApiException"/>.
/// </summary>
internal sealed class RpcEndpoint(EmulatorState state, IEnumerable<IEciAction> actions, ILogger<RpcEndpoint> logger)
{
    public const string ApiVersion = "2018-08-08";
    private readonly Dictionary<string, IEciAction> _actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext http)
    {
        string requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        string action = "?";
        string caller = "?";
        CallCounters.Counter? counter = null;
        try
        {
            RpcRequest request = await RpcRequestReader.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
            action = request.Action ?? throw EciErrors.MissingParameter("Action");
            caller = state.Authenticator.Authenticate(request);
            IEciAction handler = Resolve(request, action);
            counter = state.Counters.For(action);
            counter.Received();
            IReadOnlyList<FaultRule> faults = state.Faults.Match(action, request.Parameters.Optional("VSwitchId"));
            if (faults.Count > 0)
            {
                counter.Injected();
                await ApplyFaultsBeforeAsync(faults, http.RequestAborted).ConfigureAwait(false);
            }

            if (state.RateLimits.TryAcquire(action) is { } throttleHeaders)
            {
                throw EciErrors.Throttled(throttleHeaders);
            }

            ActionCall call = new(request.Parameters, requestId, state, faults.Any(f => f.Kind == "schedule-failure"));
            object response = handler.Execute(call);
            counter.Succeeded();
            if (faults.FirstOrDefault(f => f.Kind == "timeout-after-success") is FaultRule timeout)
            {
                await DropAsync(http, timeout).ConfigureAwait(false);
                return;
            }

            EmulatorLog.Answered(logger, action, caller, 200, "");
            await WriteAsync(http, 200, response).ConfigureAwait(false);
        }
        catch (EciApiException e)
        {
            Count(counter, e);
            EmulatorLog.Answered(logger, action, caller, e.HttpStatus, e.Code);
            await WriteErrorAsync(http, e, requestId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            counter?.Failed();
            EmulatorLog.Unexpected(logger, e, action);
            await WriteErrorAsync(http, EciErrors.InternalError(), requestId).ConfigureAwait(false);
        }
    }

    private IEciAction Resolve(RpcRequest request, string action)
    {
        string? version = request.Parameters.Optional("Version") ?? request.Header("x-acs-version");
        if (version is null)
        {
            throw EciErrors.MissingParameter("Version");
        }

        if (version != ApiVersion || !_actions.TryGetValue(action, out IEciAction? handler))
        {
            throw EciErrors.ApiNotFound($"{action}, Version {version}");
        }

        string? region = request.Parameters.Optional("RegionId");
        if (region is null && action != "DescribeRegions")
        {
            throw EciErrors.MissingParameter("RegionId");
        }

        if (region is not null && region != state.Options.Region.RegionId)
        {
            throw new EciApiException(400, "InvalidRegionId", $"The specified RegionId \"{region}\" does not exist; this service emulates {state.Options.Region.RegionId}.");
        }

        return handler;
    }

    private static void Count(CallCounters.Counter? counter, EciApiException e)
    {
        if (counter is null)
        {
            return;
        }

        if (e.Code.StartsWith("Throttling", StringComparison.Ordinal))
        {
            counter.Throttled();
        }
        else
        {
            counter.Failed();
        }
    }

    private async Task ApplyFaultsBeforeAsync(IReadOnlyList<FaultRule> faults, CancellationToken cancellationToken)
    {
        if (faults.FirstOrDefault(f => f.Kind == "latency") is { DelayMs: int delay })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delay), state.Time, cancellationToken).ConfigureAwait(false);
        }

        if (faults.Any(f => f.Kind == "throttle"))
        {
            throw EciErrors.Throttled(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["x-ratelimit-user-api"] = "Limit:0,Remain:0,TimeLeft:1000,Reset:" + state.Now.AddSeconds(1).ToUnixTimeSeconds(),
            });
        }

        if (faults.FirstOrDefault(f => f.Kind == "error") is FaultRule error)
        {
            throw error.Status == 503 ? EciErrors.ServiceUnavailable() : EciErrors.InternalError();
        }
    }

    private async Task DropAsync(HttpContext http, FaultRule fault)
    {
        if (fault.DelayMs is int delay)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(delay), state.Time, http.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up first, which is the point of this fault.
            }
        }

        http.Abort();
    }

    private async Task WriteErrorAsync(HttpContext http, EciApiException e, string requestId)
    {
        foreach ((string name, string value) in e.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        string host = state.Options.Region.EndpointHost;
        await WriteAsync(http, e.HttpStatus, new
        {
            RequestId = requestId,
            HostId = host,
            e.Code,
            e.Message,
            Recommend = $"https://api.aliyun.com/troubleshoot?q={Uri.EscapeDataString(e.Code)}&product=Eci&requestId={requestId}",
        }).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext http, int status, object body)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json;charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, body, body.GetType(), WireFormat.Json, http.RequestAborted).ConfigureAwait(false);
    }
}
