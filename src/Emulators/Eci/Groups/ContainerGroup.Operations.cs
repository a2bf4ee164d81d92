using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

internal sealed partial class ContainerGroup
{
    /// <summary>RestartContainerGroup: only <c>Pending</c> or <c>Running</c> groups (reference §3.5).</summary>
    public void Restart(DateTimeOffset now, GroupContext ctx)
    {
        RequireStatus("Pending", "Running");
        StopContainers(now);
        _phaseDue = now + ctx.Lifecycle.Restarting;
        SetStatus("Restarting", now);
        AddEvent("Normal", "Restarting", "The container group is restarting.", now);
    }

    /// <summary>UpdateContainerGroup: the group passes through <c>Updating</c> and restarts with the new spec.</summary>
    public void Update(GroupSpec next, DateTimeOffset now, GroupContext ctx)
    {
        RequireStatus("Pending", "Running");
        StopContainers(now);
        _pendingUpdate = next;
        _phaseDue = now + ctx.Lifecycle.Updating;
        SetStatus("Updating", now);
        AddEvent("Normal", "Updating", "The container group is updating.", now);
    }

    /// <summary>
    /// DeleteContainerGroup: a running group whose containers have a preStop hook goes through <c>Terminating</c>
    /// (for <see cref="LifecycleOptions.PreStop"/>, at most the grace period) unless <paramref name="force"/>;
    /// anything else disappears at once.
    /// </summary>
    public void Delete(DateTimeOffset now, bool force, GroupContext ctx)
    {
        if (Status == "Terminating")
        {
            return;
        }

        bool preStop = Containers.Any(c => c.IsRunning && c.Spec.HasPreStop);
        if (force || !preStop || IsTerminal)
        {
            MarkDeleted(ctx);
            return;
        }

        TimeSpan grace = TimeSpan.FromSeconds(Spec.TerminationGracePeriodSeconds ?? 30);
        _deadlineAt = _spotCheckAt = _spotReleaseAt = null;
        _phaseDue = now + (ctx.Lifecycle.PreStop < grace ? ctx.Lifecycle.PreStop : grace);
        SetStatus("Terminating", now);
        AddEvent("Normal", "Killing", "Stopping the containers after their preStop hooks.", now, "K8sAgent");
    }

    /// <summary>Control API: the named container dies now with <paramref name="exitCode"/>; the restart policy applies.</summary>
    public void Crash(string containerName, int exitCode, DateTimeOffset now, GroupContext ctx)
    {
        ContainerRuntime c = FindContainer(containerName) ?? throw EciErrors.ContainerNotFound(containerName);
        if (!c.IsRunning)
        {
            throw EciErrors.IncorrectStatus($"container {containerName} is {c.Current.State}");
        }

        c.Terminate(now, exitCode, exitCode == 137 ? "OOMKilled" : "Error", exitCode > 128 ? exitCode - 128 : null);
        OnExit(c, now, ctx);
    }

    /// <summary>Control API: reclaim a spot group now (warning now, <c>Expired</c> after the warning lead).</summary>
    public void Reclaim(DateTimeOffset now, GroupContext ctx)
    {
        if (!Spec.IsSpot)
        {
            throw EciErrors.InvalidParameter("ContainerGroupId", $"{Id} is not a spot instance (SpotStrategy NoSpot).");
        }

        if (IsTerminal || _spotReleaseAt is not null)
        {
            throw EciErrors.IncorrectStatus(Status);
        }

        WarnReclaim(now, ctx);
    }

    private void RequireStatus(params string[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw EciErrors.IncorrectStatus(Status);
        }
    }

    private void StopContainers(DateTimeOffset now)
    {
        foreach (ContainerRuntime c in InitContainers.Concat(Containers))
        {
            if (c.IsRunning)
            {
                c.Terminate(now, 143, "Error", 15);
            }

            c.ScheduleRestart(null);
        }
    }
}
