namespace OrleansEci.Eci;

/// <summary>A mutating request that carries an idempotency <c>ClientToken</c> (eci-openapi.md §1.7).</summary>
internal interface IClientTokenRequest<out TSelf>
{
    /// <summary>The token the caller gave, if any.</summary>
    string? ClientToken { get; }

    /// <summary>The same request with this token.</summary>
    TSelf WithClientToken(string clientToken);
}
