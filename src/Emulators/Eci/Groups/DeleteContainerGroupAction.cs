using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>DeleteContainerGroup (reference §3.5): <c>Force=true</c> skips preStop; deleting a group that is
/// already gone answers not found, unless it repeats a successful call with the same <c>ClientToken</c>.</summary>
internal sealed class DeleteContainerGroupAction : IEciAction
{
    public string Name => "DeleteContainerGroup";

    public object Execute(ActionCall call)
    {
        return call.State.ClientTokens.Once(call, Name, () => Run(call));
    }

    private static object Run(ActionCall call)
    {
        bool force = call.Parameters.Bool("Force") ?? false;
        ContainerGroup g = GroupActions.Require(call);
        lock (g.Gate)
        {
            g.Delete(call.Now, force, call.State.Context);
        }

        return new { call.RequestId };
    }
}
