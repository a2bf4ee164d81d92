using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Tests.Support;

/// <summary>A profile source that always answers the same profile.</summary>
public sealed class FixedProfile(EciProfile profile) : IEciProfileSource
{
    public EciProfile Current => profile;
}
