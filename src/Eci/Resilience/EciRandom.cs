using System.Globalization;

namespace OrleansEci.Eci.Resilience;

/// <summary>
/// The client's source of randomness: signature nonces, generated ClientTokens and retry jitter.
/// Injected so tests can make them predictable. The default uses random GUIDs and
/// <see cref="Random.Shared"/>.
/// </summary>
public class EciRandom
{
    /// <summary>The default instance.</summary>
    public static EciRandom Shared { get; } = new();

    /// <summary>A fresh <c>SignatureNonce</c> (unique per request; a reused one is rejected with <c>SignatureNonceUsed</c>).</summary>
    public virtual string NewNonce() => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    /// <summary>A fresh ClientToken (≤ 64 ASCII characters, eci-openapi.md §1.7).</summary>
    public virtual string NewClientToken() => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    /// <summary>A number in [0, 1) for retry jitter.</summary>
    public virtual double NextDouble() => Random.Shared.NextDouble();
}
