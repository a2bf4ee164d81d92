namespace OrleansEci.Profiles;

/// <summary>
/// Keeps the eci-profile in force across hot reloads: a valid profile replaces the current one, a broken one is
/// reported (<see cref="ProfileParseResult.Errors"/>, for an event on the ConfigMap and a log line) and the last good
/// profile stays in force. Safe to read from any thread while one writer applies changes.
/// </summary>
public sealed class EciProfileTracker : IEciProfileSource
{
    private volatile EciProfile _current = EciProfile.Default;
    private volatile IReadOnlyList<ProfileProblem> _errors = [];

    /// <inheritdoc />
    public EciProfile Current => _current;

    /// <summary>The errors of the last profile that was refused, empty once a valid profile is applied.</summary>
    public IReadOnlyList<ProfileProblem> LastErrors => _errors;

    /// <summary>Reads a new version of the ConfigMap's data; returns what was found, and applies it only when valid.</summary>
    public ProfileParseResult Apply(IReadOnlyDictionary<string, string>? data)
    {
        ProfileParseResult result = EciProfileParser.Parse(data);
        if (result.Profile is { } profile)
        {
            _current = profile;
            _errors = [];
        }
        else
        {
            _errors = result.Errors;
        }

        return result;
    }

    /// <summary>The ConfigMap was deleted: the default profile applies again.</summary>
    public void Reset()
    {
        _current = EciProfile.Default;
        _errors = [];
    }
}
