using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>Looks up the group named by <c>ContainerGroupId</c>, advanced to now, or answers not found.</summary>
internal static class GroupActions
{
    public static ContainerGroup Require(ActionCall call)
    {
        string id = call.Parameters.Required("ContainerGroupId");
        return call.State.Groups.Get(id, call.Now) ?? throw EciErrors.GroupNotFound(id);
    }
}
