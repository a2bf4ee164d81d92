using OrleansEci.Profiles;

namespace OrleansEci.Grains.Profiles;

/// <summary>The outcome of one observed ConfigMap version: what happened, why it was refused, and keys without effect.</summary>
internal sealed record ProfileChange(ProfileChangeKind Kind, string? Problem, IReadOnlyList<ProfileProblem> Warnings)
{
    public static ProfileChange None { get; } = new(ProfileChangeKind.Unchanged, null, []);
}
