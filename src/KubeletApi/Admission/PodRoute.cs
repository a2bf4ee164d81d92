using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>Where a pod goes and which selectors' effects it receives.</summary>
/// <param name="Why">The route in words, e.g. <c>namespace label alibabacloud.com/eci=true</c>; shown in denials and logs.</param>
/// <param name="Effects">The selectors whose effects apply, in profile order (earlier wins).</param>
public sealed record PodRoute(RouteMode Mode, string Why, IReadOnlyList<ProfileSelector> Effects)
{
    /// <summary>No route.</summary>
    public static PodRoute None { get; } = new(RouteMode.None, "no route to ECI", []);
}
