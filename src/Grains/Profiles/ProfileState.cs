using OrleansEci.Profiles;

namespace OrleansEci.Grains.Profiles;

/// <summary>
/// The eci-profile in force inside one <see cref="ProfileGrain"/> activation: the data of the last valid ConfigMap
/// version (null = defaults) and a version number that grows by one on every change. Written by the watch, read by
/// grain calls; safe across threads.
/// </summary>
internal sealed class ProfileState
{
    private readonly Lock _lock = new();
    private string? _seenResourceVersion;
    private ProfileSnapshot _snapshot;

    public ProfileState(Guid activation) => _snapshot = new ProfileSnapshot(activation, 1, null, Unchanged: false, Problem: null);

    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _snapshot.Version;
            }
        }
    }

    /// <summary>The snapshot for a caller that has <paramref name="activation"/>/<paramref name="version"/>.</summary>
    public ProfileSnapshot Read(Guid activation, long version)
    {
        lock (_lock)
        {
            return activation == _snapshot.Activation && version == _snapshot.Version ? _snapshot with { Data = null, Unchanged = true } : _snapshot;
        }
    }

    /// <summary>A ConfigMap version was seen: applied when valid and different, refused (and remembered as the problem) when broken.</summary>
    public ProfileChange Apply(string? resourceVersion, IReadOnlyDictionary<string, string>? data)
    {
        lock (_lock)
        {
            if (resourceVersion is not null && resourceVersion == _seenResourceVersion)
            {
                return ProfileChange.None; // a re-list delivers the version already handled
            }

            _seenResourceVersion = resourceVersion;
            ProfileParseResult result = EciProfileParser.Parse(data);
            if (!result.IsValid)
            {
                _snapshot = _snapshot with { Problem = result.Describe() };
                return new ProfileChange(ProfileChangeKind.Refused, result.Describe(), result.Warnings);
            }

            Dictionary<string, string> copy = data is null ? [] : new(data, StringComparer.Ordinal);
            if (_snapshot.Data is { } current && SameData(current, copy))
            {
                _snapshot = _snapshot with { Problem = null };
                return new ProfileChange(ProfileChangeKind.Unchanged, null, result.Warnings);
            }

            _snapshot = _snapshot with { Version = _snapshot.Version + 1, Data = copy, Problem = null };
            return new ProfileChange(ProfileChangeKind.Applied, null, result.Warnings);
        }
    }

    /// <summary>The ConfigMap is gone: the defaults apply. True when that changed the profile in force.</summary>
    public bool Reset()
    {
        lock (_lock)
        {
            _seenResourceVersion = null;
            if (_snapshot.Data is null)
            {
                bool hadProblem = _snapshot.Problem is not null;
                _snapshot = _snapshot with { Problem = null };
                return hadProblem;
            }

            _snapshot = _snapshot with { Version = _snapshot.Version + 1, Data = null, Problem = null };
            return true;
        }
    }

    private static bool SameData(IReadOnlyDictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out string? v) && v == p.Value);
}
