using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace OrleansEci.Emulators.Eci.Exec;

/// <summary>Pending exec sessions by their unguessable token; each can be taken once, within its lifetime.</summary>
internal sealed class ExecSessionStore(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, ExecSession> _sessions = new(StringComparer.Ordinal);

    public string Add(string groupId, string container, IReadOnlyList<string> command, bool tty, bool stdin)
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (KeyValuePair<string, ExecSession> old in _sessions.Where(s => s.Value.ExpiresAt < now))
        {
            _sessions.TryRemove(old);
        }

        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _sessions[token] = new ExecSession(groupId, container, command, tty, stdin, now + lifetime);
        return token;
    }

    public ExecSession? TryTake(string token) =>
        _sessions.TryRemove(token, out ExecSession? s) && s.ExpiresAt >= time.GetUtcNow() ? s : null;
}
