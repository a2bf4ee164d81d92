using System.Text.Json.Serialization;

namespace OrleansEci.Eci.Status;

/// <summary>
/// A running state. The official SDK's JSON key is literally <c>StartedAtstartedAt</c>
/// (alibabacloud-go eci-20180808, eci-openapi.md §3.3); <c>StartedAt</c>/<c>startedAt</c> are read too.
/// </summary>
public sealed record RunningStateDetail
{
    /// <summary>When it started, under the plain name.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it started, under the SDK's spelling.</summary>
    [JsonPropertyName("StartedAtstartedAt")]
    public DateTimeOffset? StartedAtSdkSpelling { get; init; }

    /// <summary>Whichever of the two was sent.</summary>
    [JsonIgnore]
    public DateTimeOffset? Started => StartedAt ?? StartedAtSdkSpelling;
}
