namespace OrleansEci.Grains.Profiles;

/// <summary>
/// The cluster's <c>kube-system/eci-profile</c> ConfigMap, one grain per cluster id (eci-on-kubernetes.md §4). While
/// active it watches the ConfigMap beside itself; a valid version replaces the profile in force, a broken one is reported
/// (a Warning event on the ConfigMap and a log line) and the last good one stays; no ConfigMap means the defaults.
/// </summary>
[Alias("eci.IProfileGrain")]
public interface IProfileGrain : IGrainWithStringKey
{
    /// <summary>
    /// The profile in force. When <paramref name="knownActivation"/> and <paramref name="knownVersion"/> are the current
    /// ones (from the caller's last <see cref="ProfileSnapshot"/>; <see cref="Guid.Empty"/> and 0 at first) the answer carries no data
    /// (<see cref="ProfileSnapshot.Unchanged"/>), so a silo polling often pays only for a number. Side-effect free, answers
    /// from memory, never waits for the API server; the first call activates the grain and starts its watch.
    /// </summary>
    [Alias("GetProfile")]
    Task<ProfileSnapshot> GetProfile(Guid knownActivation, long knownVersion);
}
