using OrleansEci.Emulators.Eci.Protocol;
using OrleansEci.Emulators.Eci.Regions;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// CreateContainerGroup (reference §3.1): validates, places (multi-zone, multi-spec), and returns at once with the
/// group in <c>Scheduling</c>. <c>ClientToken</c>: same token and parameters → the same group; same token with other
/// parameters → <c>IdempotentParameterMismatch</c> (reference §1.7). <c>DryRun</c> answers <c>DryRunOperation</c>.
/// </summary>
internal sealed class CreateContainerGroupAction : IEciAction
{
    public string Name => "CreateContainerGroup";

    public object Execute(ActionCall call)
    {
        RpcParameters p = call.Parameters;
        GroupSpec spec = GroupSpecParser.Parse(p);
        string? token = p.Optional("ClientToken");
        if (p.Bool("DryRun") == true)
        {
            (Placement placement, _) = call.State.Placer.Place(spec);
            call.State.Region.ReleaseCompute(placement);
            call.State.Region.ReleaseIp(placement);
            throw EciErrors.DryRunOperation();
        }

        if (token is null)
        {
            return Create(call, spec, null, "");
        }

        string fingerprint = ClientTokens.Fingerprint(p);
        lock (call.State.ClientTokens.LockFor(token))
        {
            ContainerGroup? existing = call.State.Groups.ByToken(token);
            if (existing is null)
            {
                return Create(call, spec, token, fingerprint);
            }

            return existing.Fingerprint == fingerprint
                ? new { call.RequestId, ContainerGroupId = existing.Id }
                : throw EciErrors.IdempotentMismatch();
        }
    }

    private static object Create(ActionCall call, GroupSpec spec, string? token, string fingerprint)
    {
        (Placement placement, List<(string Type, string Reason, string Message)> events) = call.State.Placer.Place(spec);
        ContainerGroup group = new(call.State.NewId("eci-"), spec, placement, call.Now, call.State.Options.Lifecycle.Scheduling, token, fingerprint) { FailScheduling = call.FailScheduling };
        foreach ((string type, string reason, string message) in events)
        {
            group.AddEvent(type, reason, message, call.Now);
        }

        call.State.Groups.Add(group);
        return new { call.RequestId, ContainerGroupId = group.Id };
    }
}
