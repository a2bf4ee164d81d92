namespace OrleansEci.Grains.Profiles;

/// <summary>
/// The eci-profile in force, as the ConfigMap's data (each silo parses it with the same pure parser, so the profile
/// model needs no Orleans serializer). Versions only grow within one activation; <see cref="Activation"/> changes when
/// the grain is re-activated (a silo died), so a poller never mistakes a new activation's version 1 for its own.
/// </summary>
/// <param name="Activation">Identifies the grain activation that numbered <paramref name="Version"/>.</param>
/// <param name="Version">Grows by one each time the profile in force changes.</param>
/// <param name="Data">The data of the last good ConfigMap; null for the defaults (no ConfigMap, or none valid yet).</param>
/// <param name="Unchanged">True when the caller already has this version; <paramref name="Data"/> is then not sent.</param>
/// <param name="Problem">Why the newest ConfigMap version was refused, or null when it is in force.</param>
[GenerateSerializer, Immutable, Alias("eci.ProfileSnapshot")]
public sealed record ProfileSnapshot(
    [property: Id(0)] Guid Activation,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyDictionary<string, string>? Data,
    [property: Id(3)] bool Unchanged,
    [property: Id(4)] string? Problem);
