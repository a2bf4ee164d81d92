namespace OrleansEci.Profiles;

/// <summary>Where the admission webhook reads the eci-profile in force; implementations answer from memory, never block.</summary>
public interface IEciProfileSource
{
    /// <summary>The profile in force: the last valid one read, or <see cref="EciProfile.Default"/>.</summary>
    EciProfile Current { get; }
}
