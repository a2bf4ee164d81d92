namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>
/// An error answered to the caller in ECI's envelope: <c>{RequestId, HostId, Code, Message, Recommend}</c>
/// with the given HTTP status. Thrown anywhere below the RPC endpoint and rendered in one place.
/// </summary>
internal sealed class EciApiException(int httpStatus, string code, string message) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;

    public string Code { get; } = code;

    /// <summary>Extra response headers (for example <c>x-ratelimit-user-api</c> on throttling).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
