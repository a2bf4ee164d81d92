using System.Globalization;

namespace OrleansEci.Emulators.Eci.Groups;

internal sealed partial class ContainerGroup
{
    private DateTimeOffset? _phaseDue;
    private DateTimeOffset? _deadlineAt;
    private DateTimeOffset? _spotCheckAt;
    private DateTimeOffset? _spotReleaseAt;
    private GroupSpec? _pendingUpdate;
    private bool _computeReleased;
    private bool _spotScheduled;

    /// <summary>Set at create time by the control API's "fail scheduling" fault: Scheduling ends in ScheduleFailed.</summary>
    public bool FailScheduling { get; init; }

    /// <summary>Applies, in time order, every transition due at or before <paramref name="now"/>.</summary>
    public void Advance(DateTimeOffset now, GroupContext ctx)
    {
        if (Spec.IsSpot && !_spotScheduled)
        {
            _spotScheduled = true;
            _spotCheckAt = CreationTime + (Spec.SpotDurationHours > 0 ? TimeSpan.FromHours(Spec.SpotDurationHours) : ctx.Lifecycle.SpotCheckInterval);
        }

        if (EarliestDue() > now)
        {
            // The common case (a settled group read again): nothing is due, decided without allocating.
            return;
        }

        for (int guard = 0; guard < 100_000 && !Deleted && !IsTerminal; guard++)
        {
            (DateTimeOffset due, Action<DateTimeOffset> apply) = NextTransition(now, ctx);
            if (due > now)
            {
                return;
            }

            apply(due);
        }
    }

    /// <summary>The earliest time any transition is due (<see cref="DateTimeOffset.MaxValue"/> when none is).</summary>
    private DateTimeOffset EarliestDue()
    {
        DateTimeOffset earliest = Min(Min(_phaseDue, _deadlineAt), Min(_spotCheckAt, _spotReleaseAt));
        foreach (ContainerRuntime c in InitContainers)
        {
            earliest = Min(earliest, c.Due);
        }

        foreach (ContainerRuntime c in Containers)
        {
            earliest = Min(earliest, c.Due);
        }

        return earliest;
    }

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset? b) =>
        (a ?? DateTimeOffset.MaxValue) < (b ?? DateTimeOffset.MaxValue) ? a ?? DateTimeOffset.MaxValue : b ?? DateTimeOffset.MaxValue;

    private (DateTimeOffset Due, Action<DateTimeOffset> Apply) NextTransition(DateTimeOffset now, GroupContext ctx)
    {
        (DateTimeOffset, Action<DateTimeOffset>) next = (DateTimeOffset.MaxValue, static _ => { });
        void Consider(DateTimeOffset? at, Action<DateTimeOffset> apply)
        {
            if (at is DateTimeOffset t && t < next.Item1)
            {
                next = (t, apply);
            }
        }

        Consider(_phaseDue, t => PhaseDue(t, ctx));
        Consider(_deadlineAt, t => Fail(t, ctx, "DeadlineExceeded", "The container group exceeded its ActiveDeadlineSeconds."));
        Consider(_spotCheckAt, t => SpotCheck(t, now, ctx));
        Consider(_spotReleaseAt, t => Expire(t, ctx));
        foreach (ContainerRuntime c in InitContainers.Concat(Containers))
        {
            Consider(c.Due, t => ContainerDue(c, t, ctx));
        }

        return next;
    }

    private void PhaseDue(DateTimeOffset t, GroupContext ctx)
    {
        _phaseDue = null;
        switch (Status)
        {
            case "Scheduling" when FailScheduling:
                AddEvent("Warning", "NoStock", "Create ECI failed because the specified instance is out of stock.", t);
                SetStatus("ScheduleFailed", t);
                FailedTime = t;
                ReleaseCompute(ctx);
                break;
            case "Scheduling" or "Restarting" or "Updating":
                ApplyPendingUpdate();
                SetStatus("Pending", t);
                foreach (ContainerRuntime c in InitContainers.Concat(Containers))
                {
                    AddEvent("Normal", "Pulling", $"Pulling image \"{c.Spec.Image}\"", t, "K8sAgent");
                }

                _phaseDue = t + ctx.Lifecycle.Pending;
                break;
            case "Pending":
                StartNextInitOrApps(t, 0);
                break;
            case "Terminating":
                MarkDeleted(ctx);
                break;
            default:
                break;
        }
    }

    private void StartNextInitOrApps(DateTimeOffset t, int index)
    {
        if (index < InitContainers.Count)
        {
            Begin(InitContainers[index], t);
            foreach (ContainerRuntime c in Containers)
            {
                c.Wait("PodInitializing", null);
            }

            return;
        }

        foreach (ContainerRuntime c in Containers)
        {
            Begin(c, t);
        }

        SetStatus("Running", t);
    }

    private void Begin(ContainerRuntime c, DateTimeOffset t)
    {
        if (c.HasRun)
        {
            c.RestartCount++;
        }

        AddEvent("Normal", "Started", $"Started container {c.Spec.Name}", t, "K8sAgent");
        c.Start(t);
    }

    private void ContainerDue(ContainerRuntime c, DateTimeOffset t, GroupContext ctx)
    {
        if (!c.IsRunning)
        {
            Begin(c, t);
            return;
        }

        int code = c.Program.ExitCode;
        c.Terminate(t, code, code == 0 ? "Completed" : "Error");
        OnExit(c, t, ctx);
    }

    private void OnExit(ContainerRuntime c, DateTimeOffset t, GroupContext ctx)
    {
        int code = c.Current.ExitCode ?? 0;
        bool restart = Spec.RestartPolicy == "Always" || (Spec.RestartPolicy == "OnFailure" && code != 0);
        if (c.IsInit && code == 0)
        {
            StartNextInitOrApps(t, InitContainers.IndexOf(c) + 1);
            return;
        }

        if (c.IsInit && Spec.RestartPolicy == "Never")
        {
            Fail(t, ctx, "InitContainerFailed", $"Init container {c.Spec.Name} exited with code {code}.");
            return;
        }

        if (restart || c.IsInit)
        {
            TimeSpan backoff = ctx.Lifecycle.RestartBackoff * Math.Pow(2, Math.Min(c.RestartCount, 20));
            backoff = backoff > ctx.Lifecycle.MaxRestartBackoff ? ctx.Lifecycle.MaxRestartBackoff : backoff;
            AddEvent("Warning", "BackOff", $"Back-off restarting failed container {c.Spec.Name}", t, "K8sAgent");
            c.Wait("CrashLoopBackOff", t + backoff, $"back-off {backoff.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s restarting container");
            return;
        }

        if (Containers.All(x => x.IsTerminated))
        {
            if (Containers.All(x => x.Current.ExitCode == 0))
            {
                SetStatus("Succeeded", t);
                SucceededTime = t;
                ReleaseCompute(ctx);
            }
            else
            {
                Fail(t, ctx, null, null);
            }
        }
    }

    private void Fail(DateTimeOffset t, GroupContext ctx, string? reason, string? message)
    {
        foreach (ContainerRuntime c in InitContainers.Concat(Containers).Where(c => c.IsRunning))
        {
            c.Terminate(t, 137, reason ?? "Error", 9);
        }

        if (reason is not null)
        {
            AddEvent("Warning", reason, message ?? reason, t);
        }

        ClearSchedule();
        SetStatus("Failed", t);
        FailedTime = t;
        ReleaseCompute(ctx);
    }

    private void SpotCheck(DateTimeOffset t, DateTimeOffset now, GroupContext ctx)
    {
        bool priceAbove = Spec.SpotStrategy == "SpotWithPriceLimit" && ctx.Region.SpotPrice(Placement.Spec) > Spec.SpotPriceLimit;
        bool noStock = ctx.Region.Stock.Remaining(Placement.ZoneId, Placement.Spec) <= 0;
        TimeSpan interval = ctx.Lifecycle.SpotCheckInterval;
        if ((priceAbove || noStock) && ctx.Region.MarketChangedAt <= t)
        {
            WarnReclaim(t, ctx);
            return;
        }

        // The market is only known as it is now: the next check that can see a change is the first one after it.
        DateTimeOffset from = priceAbove || noStock ? ctx.Region.MarketChangedAt : now;
        long steps = Math.Max(1, (long)Math.Ceiling((from - t) / interval));
        _spotCheckAt = t + (interval * steps);
    }

    private void WarnReclaim(DateTimeOffset t, GroupContext ctx)
    {
        int minutes = (int)Math.Ceiling(ctx.Lifecycle.SpotReleaseWarning.TotalMinutes);
        AddEvent("Warning", "SpotToBeReleased", string.Create(CultureInfo.InvariantCulture, $"Spot ECI will be released in {minutes} minutes"), t);
        _spotCheckAt = null;
        _spotReleaseAt = t + ctx.Lifecycle.SpotReleaseWarning;
    }

    private void Expire(DateTimeOffset t, GroupContext ctx)
    {
        foreach (ContainerRuntime c in InitContainers.Concat(Containers).Where(c => !c.IsTerminated))
        {
            c.Terminate(t, 137, "BidFailed", 9);
        }

        ClearSchedule();
        SetStatus("Expired", t);
        ExpiredTime = t;
        ReleaseCompute(ctx);
    }

    private void ClearSchedule()
    {
        _phaseDue = _deadlineAt = _spotCheckAt = _spotReleaseAt = null;
        foreach (ContainerRuntime c in InitContainers.Concat(Containers).Where(c => !c.IsRunning))
        {
            c.ScheduleRestart(null);
        }
    }

    private void ReleaseCompute(GroupContext ctx)
    {
        ClearSchedule();
        if (!_computeReleased)
        {
            _computeReleased = true;
            ctx.Region.ReleaseCompute(Placement);
        }
    }

    private void MarkDeleted(GroupContext ctx)
    {
        ReleaseCompute(ctx);
        if (!Deleted)
        {
            Deleted = true;
            ctx.Region.ReleaseIp(Placement);
        }
    }

    private void ApplyPendingUpdate()
    {
        if (_pendingUpdate is null)
        {
            return;
        }

        Dictionary<string, int> restarts = Containers.ToDictionary(c => c.Spec.Name, c => c.RestartCount + 1);
        Spec = _pendingUpdate;
        Containers = [.. Spec.Containers.Select(c => new ContainerRuntime(c, false) { RestartCount = restarts.GetValueOrDefault(c.Name) })];
        InitContainers = [.. Spec.InitContainers.Select(c => new ContainerRuntime(c, true))];
        _pendingUpdate = null;
    }
}
