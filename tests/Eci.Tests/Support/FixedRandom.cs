using System.Globalization;

using OrleansEci.Eci.Resilience;

namespace OrleansEci.Eci.Tests.Support;

/// <summary>Predictable randomness: numbered nonces and tokens, and a fixed jitter fraction.</summary>
public sealed class FixedRandom(double jitter = 0.5) : EciRandom
{
    private int _nonces;
    private int _tokens;

    public override string NewNonce() => "nonce-" + Interlocked.Increment(ref _nonces).ToString(CultureInfo.InvariantCulture);

    public override string NewClientToken() => "token-" + Interlocked.Increment(ref _tokens).ToString(CultureInfo.InvariantCulture);

    public override double NextDouble() => jitter;
}
