using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>RestartContainerGroup (reference §3.5): Pending or Running only, else <c>IncorrectStatus</c>.</summary>
internal sealed class RestartContainerGroupAction : IEciAction
{
    public string Name => "RestartContainerGroup";

    public object Execute(ActionCall call)
    {
        return call.State.ClientTokens.Once(call, Name, () => Run(call));
    }

    private static object Run(ActionCall call)
    {
        ContainerGroup g = GroupActions.Require(call);
        lock (g.Gate)
        {
            g.Restart(call.Now, call.State.Context);
        }

        return new { call.RequestId };
    }
}
