using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Grains.Pods.Mapping;
using OrleansEci.Grains.Pods.Status;
using OrleansEci.Grains.Zones;

namespace OrleansEci.Grains.Pods.Lifecycle;

/// <summary>
/// Zone and spec fallback within one create attempt: the pod's zones are ranked from what the runtime knows
/// (<see cref="ZoneKnowledgeCache"/>), one create call per zone, best first; a refusal that another zone may not share
/// (no stock, no addresses in the vSwitch) moves on to the next zone at once, and only when every zone refused does
/// the attempt back off. Never two groups: each call has its own ClientToken, and a new token is used only after ECI
/// refused the previous one outright (nothing was created under it). A call without an answer keeps its token and its
/// choice (persisted before the call), and the next attempt repeats exactly that call first.
/// </summary>
public sealed partial class PodGrain
{
    private ZoneKnowledgeCache? _zoneCache;
    private bool _learnedStockExhaust;

    // Resolved lazily rather than through the constructor, which several features share.
    private ZoneKnowledgeCache Zones => _zoneCache ??= ServiceProvider.GetRequiredService<ZoneKnowledgeCache>();

    private async Task CreateAsync(Mapped mapped, string token, CancellationToken ct)
    {
        _ = token; // each choice has its own token (Record.ClientToken, derived from the generation)
        Record.Stage = PodStage.Creating;
        Record.Attempts++;
        // A slot first, then the ranking: a create ranked now is sent now, not after a queue that a sold-out zone outlives.
        CreateOutcome outcome;
        using (await Zones.EnterCreateAsync(ct))
        {
            outcome = await CallZonesAsync(mapped, ct);
        }

        switch (outcome)
        {
            case { GroupId: { } groupId }:
                await AdoptAsync(groupId, fresh: true);
                foreach (MappingNote note in mapped.Notes)
                {
                    await PostAsync(new PodEvent("Warning", note.Reason, note.Message, 1, _time.GetUtcNow().UtcDateTime, _time.GetUtcNow().UtcDateTime,
                        "note:" + note.Reason + ":" + note.Message, "orleans-eci"));
                }

                break;
            case { Mismatch: { } mismatch }:
                await OnTokenMismatchAsync(mismatch, mapped.Policy, ct);
                break;
            case { Failure: { } failure }:
                if (outcome.RecommendMultiZone is { } only)
                {
                    await PostMultiZoneRecommendationAsync(only);
                }

                await OnCreateFailedAsync(failure, mapped.Policy);
                break;
            default:
                await RetryLaterAsync("ProviderCreateFailed", "ECI accepted the create but the group could not be found yet", mapped.Policy, countAttempt: false);
                break;
        }
    }

    /// <summary>What the calls of one attempt came to: a group, a token mismatch, a failure to back off on, or an accepted create whose group is not found yet.</summary>
    private sealed record CreateOutcome(string? GroupId, EciException? Mismatch, EciException? Failure, ZoneChoice? RecommendMultiZone);

    /// <summary>One call per zone, best first, until one creates the group or a refusal that no other zone can help.</summary>
    private async Task<CreateOutcome> CallZonesAsync(Mapped mapped, CancellationToken ct)
    {
        IReadOnlyList<ZoneChoice> choices = ChoicesFor(mapped.Request);
        EciException? refusal = null;
        List<ZoneChoice> refused = [];
        foreach (ZoneChoice choice in choices)
        {
            Record.ClientToken ??= ClientTokenFor(Record.Uid, Record.Generation);
            Record.Choice = choice;
            JournalDecision($"Create in {choice.Where}", $"choice {refused.Count + 1} of {choices.Count}"
                + (choice.Why is { } why ? $": {why}" : "") + $"; specs {string.Join(", ", choice.SpecKeys)}", choice.ZoneId);
            // The intent, its token and its choice are durable before ECI hears of them. No status is written before
            // the call: the first poll of the new group shows ContainerCreating.
            await _state.WriteStateAsync(ct);
            try
            {
                using (Zones.BeginCreate(choice.ZoneKey))
                {
                    var response = await _eci.CreateContainerGroupAsync(choice.ApplyTo(mapped.Request) with { ClientToken = Record.ClientToken }, ct);
                    // ECI answers a repeated token with the first call's result; the local service answers only RequestId.
                    string? groupId = response.ContainerGroupId ?? await FindGroupByUidAsync(ct);
                    if (groupId is not null)
                    {
                        Zones.Report(choice.ZoneKey, new ZoneReport(ZoneOutcome.Created, choice.SpecKeys, choice.VSwitchIds, mapped.Request.SecurityGroupId, _time.GetUtcNow()));
                    }

                    return new CreateOutcome(groupId, null, null, null);
                }
            }
            catch (EciException e) when (e.Category == EciErrorCategory.IdempotencyMismatch)
            {
                return new CreateOutcome(null, e, null, null);
            }
            catch (EciException e) when (ZoneRefusal(e) is { } outcome)
            {
                // Refused outright: nothing exists under this token, so the next choice may use a new one.
                Learn(choice, outcome, mapped.Request.SecurityGroupId);
                Record.Generation++;
                Record.ClientToken = null;
                Record.Choice = null;
                refusal = e;
                refused.Add(choice);
                JournalDecision($"{choice.Where} refused ({e.Code})", refused.Count < choices.Count && outcome != ZoneOutcome.SecurityGroupFull
                    ? "trying the next choice within this attempt" : "no choice left in this attempt; backing off");
                LogZoneRefused(_log, Key, choice.Where, e.Code, choices.Count - refused.Count);
                await PostRefusalAsync(choice, outcome, e, more: refused.Count < choices.Count);
                if (outcome == ZoneOutcome.SecurityGroupFull)
                {
                    break; // the security group is the same in every zone
                }
            }
            catch (EciException e)
            {
                return new CreateOutcome(null, null, e, null);
            }
        }

        if (refusal is null)
        {
            throw new InvalidOperationException($"Pod {Key}: the zone plan for its create was empty; ZoneRanker always yields at least one choice.");
        }

        bool oneZone = refusal.Category == EciErrorCategory.NoStock && choices.Count == 1 && refused[0].VSwitchIds.Count <= 1;
        return new CreateOutcome(null, null, refusal, oneZone ? refused[0] : null);
    }

    /// <summary>The zones of this attempt: an unanswered call first (same token, same body), then the ranking's choices.</summary>
    private IReadOnlyList<ZoneChoice> ChoicesFor(CreateContainerGroupRequest request)
    {
        IReadOnlyList<ZoneChoice> plan = ZoneRanker.ToTry(Zones.Plan(request, Node, Random.Shared));
        return Record.ClientToken is not null && Record.Choice is { } pending
            ? [pending, .. plan.Where(c => c.ZoneKey != pending.ZoneKey)]
            : plan;
    }

    /// <summary>The token was used with other parameters (the pod's inputs changed between attempts): the group may exist.</summary>
    private async Task OnTokenMismatchAsync(EciException e, PodCreationPolicy policy, CancellationToken ct)
    {
        if (await FindGroupByUidAsync(ct) is { } groupId)
        {
            await AdoptAsync(groupId, fresh: true);
            return;
        }

        Record.Generation++;
        Record.ClientToken = null;
        Record.Choice = null;
        await RetryLaterAsync("ProviderCreateFailed", e.Message, policy, countAttempt: false);
    }

    /// <summary>The refusals that concern one zone (or vSwitch) and that another choice may not share.</summary>
    private static ZoneOutcome? ZoneRefusal(EciException e) => e.Category == EciErrorCategory.NoStock ? ZoneOutcome.NoStock
        : e.Code == "InvalidVSwitchId.IpNotEnough" ? ZoneOutcome.IpExhausted
        : e.Code == "SecurityGroupInstanceLimitExceed" ? ZoneOutcome.SecurityGroupFull
        : null;

    private void Learn(ZoneChoice choice, ZoneOutcome outcome, string? securityGroupId) =>
        Zones.Report(choice.ZoneKey, new ZoneReport(outcome, choice.SpecKeys, choice.VSwitchIds, securityGroupId, _time.GetUtcNow()));

    /// <summary>
    /// What ECI's events on the pod's group say about the zone it was placed in: <c>StockExhaust</c> ("the stock of the
    /// specified zones will be used up", eci-annotations-current.md §3) makes the zone's specs low, which VSwitchRandom
    /// weighs down. Learned once per activation (the poller repeats a group's events).
    /// </summary>
    private void LearnFromEvents(IEnumerable<string?> reasons)
    {
        if (_learnedStockExhaust || Record.Choice is not { } placed || !reasons.Contains("StockExhaust"))
        {
            return;
        }

        _learnedStockExhaust = true;
        Zones.Report(placed.ZoneKey, new ZoneReport(ZoneOutcome.StockExhaust, placed.SpecKeys, placed.VSwitchIds, null, _time.GetUtcNow()));
    }

    /// <summary>The group is gone: its address in the vSwitch it was placed on is free again.</summary>
    private void ReportReleased()
    {
        if (Record.ContainerGroupId is not null && Record.Choice is { VSwitchIds: [string only] } placed)
        {
            Zones.Report(placed.ZoneKey, new ZoneReport(ZoneOutcome.Released, [], [only], null, _time.GetUtcNow()));
        }
    }

    /// <summary>One Warning per refused zone, worded as ECI words its own events (eci-annotations-current.md §3).</summary>
    private Task PostRefusalAsync(ZoneChoice choice, ZoneOutcome outcome, EciException e, bool more)
    {
        string next = more ? " Trying the next zone." : "";
        (string reason, string message) = outcome switch
        {
            ZoneOutcome.NoStock => ("NoStock", $"Create ECI failed because the specified instance is out of stock. {string.Join(',', choice.SpecKeys)} in {choice.Where}.{next}"),
            ZoneOutcome.IpExhausted => ("ResourceInsufficient", $"The vSwitch {string.Join(',', choice.VSwitchIds)} in {choice.Where} has not enough IP addresses ({e.Code}).{next}"),
            _ => ("SecurityGroupInstanceLimitExceed", $"{e.Code}: {e.ErrorMessage ?? e.Message}"),
        };
        DateTime now = _time.GetUtcNow().UtcDateTime;
        return PostAsync(new PodEvent("Warning", reason, message, 1, now, now, $"zone:{reason}:{choice.ZoneKey}:{string.Join(',', choice.SpecKeys)}", "orleans-eci"));
    }

    /// <summary>ECI's advice when a pod names one zone and it is sold out: name several (eci-on-kubernetes.md §6).</summary>
    private Task PostMultiZoneRecommendationAsync(ZoneChoice only)
    {
        DateTime now = _time.GetUtcNow().UtcDateTime;
        string message = $"Only {only.Where} was given and it has no stock of {string.Join(',', only.SpecKeys)}. Give vSwitches of several zones "
            + $"({PodAnnotations.VSwitch}, or the node's VSwitchIds) and several specs ({PodAnnotations.UseSpecs}) so that ECI can place the pod elsewhere.";
        return PostAsync(new PodEvent("Normal", "MultiZoneRecommendations", message, 1, now, now, "zone:MultiZoneRecommendations:" + only.ZoneKey, "orleans-eci"));
    }

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Pod {PodKey}: {Where} refused the create ({Code}); {Left} more zone(s) to try in this attempt")]
    private static partial void LogZoneRefused(ILogger logger, string podKey, string where, string? code, int left);
}
