using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// ClientToken idempotency (reference §1.7): the same token with the same parameters gives the same result and does
/// the work once; the same token with other parameters answers <c>IdempotentParameterMismatch</c>. The fingerprint
/// covers every business parameter (not the signature, nonce, timestamp or the token itself). Calls sharing a token
/// are serialized by one of 64 striped locks.
/// </summary>
internal sealed class ClientTokens
{
    private static readonly HashSet<string> NotFingerprinted = new(StringComparer.Ordinal)
    {
        "Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Signature",
        "Timestamp", "TimeStamp", "SecurityToken", "SignatureType", "ClientToken",
    };

    private readonly Lock[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];
    private readonly ConcurrentDictionary<(string Action, string Token), string> _done = new();

    public static string Fingerprint(RpcParameters p)
    {
        string canonical = string.Join('\n', p.All.Where(kv => !NotFingerprinted.Contains(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public Lock LockFor(string token) => _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(token) % (uint)_locks.Length)];

    /// <summary>
    /// Runs <paramref name="work"/> once per (action, token): a repeat with the same parameters answers success
    /// without doing it again (even if the group is gone by then); other parameters are refused.
    /// </summary>
    public object Once(ActionCall call, string action, Func<object> work)
    {
        string? token = call.Parameters.Optional("ClientToken");
        if (token is null)
        {
            return work();
        }

        string fingerprint = Fingerprint(call.Parameters);
        lock (LockFor(token))
        {
            if (_done.TryGetValue((action, token), out string? earlier))
            {
                return earlier == fingerprint ? new { call.RequestId } : throw EciErrors.IdempotentMismatch();
            }

            object answer = work();
            _done[(action, token)] = fingerprint;
            return answer;
        }
    }
}
