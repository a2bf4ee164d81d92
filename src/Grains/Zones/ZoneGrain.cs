using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.Eci;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Regions;

namespace OrleansEci.Grains.Zones;

/// <summary>
/// One zone's shared knowledge (see <see cref="IZoneGrain"/>): applies the reports of every silo and hands out
/// snapshots. Not persisted: knowledge decays within minutes anyway, and what is lost is learned again. Every
/// <see cref="ZoneKnowledgeOptions.AvailableResourceRefresh"/> it also asks ECI's DescribeAvailableResource about the
/// instance types pods have asked for here (eci-openapi.md §3.9: <c>WithStock</c>, <c>ClosedWithStock</c> = scarce,
/// <c>WithoutStock</c>, <c>ClosedWithoutStock</c>).
/// </summary>
public sealed partial class ZoneGrain(IOptions<ZoneKnowledgeOptions> options, IEciClient eci, TimeProvider time, ILogger<ZoneGrain> log) : Grain, IZoneGrain
{
    private readonly ZoneKnowledge _knowledge = new(options.Value.Decay);
    private readonly HashSet<string> _instanceTypes = new(StringComparer.Ordinal);
    private IGrainTimer? _refresh;

    /// <summary>The zone, or null for a pseudo-zone (<c>region/vswitch:id</c>) that ECI cannot be asked about.</summary>
    private string? ZoneId => this.GetPrimaryKeyString() is var key && key.IndexOf('/', StringComparison.Ordinal) is var at and > 0
        && !key[(at + 1)..].StartsWith("vswitch:", StringComparison.Ordinal) && key[(at + 1)..] != "any" ? key[(at + 1)..] : null;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        TimeSpan period = options.Value.AvailableResourceRefresh;
        if (period > TimeSpan.Zero && ZoneId is not null)
        {
            _refresh = this.RegisterGrainTimer(static (self, ct) => self.RefreshAsync(ct), this, new GrainTimerCreationOptions(period, period));
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _refresh?.Dispose();
        return Task.CompletedTask;
    }

    public Task Report(ZoneReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _knowledge.Apply(report);
        foreach (string spec in report.Specs.Where(s => s.StartsWith("ecs.", StringComparison.Ordinal)))
        {
            _instanceTypes.Add(spec);
        }

        return Task.CompletedTask;
    }

    public Task<ZoneSnapshot> GetSnapshot()
    {
        DateTimeOffset now = time.GetUtcNow();
        return Task.FromResult(new ZoneSnapshot(this.GetPrimaryKeyString(), _knowledge.Version, _knowledge.Facts(now), now));
    }

    /// <summary>One DescribeAvailableResource call for the zone; its answer about the asked-for types becomes facts.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_instanceTypes.Count == 0 || ZoneId is not { } zone)
        {
            return;
        }

        DescribeAvailableResourceResponse answer;
        try
        {
            answer = await eci.DescribeAvailableResourceAsync(new DescribeAvailableResourceRequest
            {
                ZoneId = zone,
                DestinationResource = new DestinationResource { Category = "InstanceType" },
            }, cancellationToken);
        }
        catch (EciException e)
        {
            LogRefreshFailed(log, zone, e.Category, e.Code);
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        var listed = answer.Zones.Where(z => z.ZoneId == zone)
            .SelectMany(z => z.AvailableResources?.AvailableResource ?? [])
            .SelectMany(r => r.SupportedResources?.SupportedResource ?? [])
            .Where(r => r.Value is not null && _instanceTypes.Contains(r.Value))
            .GroupBy(r => r.StatusCategory ?? "");
        foreach (var group in listed)
        {
            string[] types = [.. group.Select(r => r.Value!)];
            ZoneOutcome? outcome = group.Key switch
            {
                "WithStock" => ZoneOutcome.InStock,
                "ClosedWithStock" => ZoneOutcome.StockExhaust,
                "WithoutStock" or "ClosedWithoutStock" => ZoneOutcome.NoStock,
                _ => null,
            };
            if (outcome is { } o)
            {
                _knowledge.Apply(new ZoneReport(o, types, [], null, now));
            }
        }
    }

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "DescribeAvailableResource for zone {ZoneId} failed ({Category} {Code}); the zone's knowledge comes from creates alone until the next refresh")]
    private static partial void LogRefreshFailed(ILogger logger, string zoneId, EciErrorCategory category, string? code);
}
