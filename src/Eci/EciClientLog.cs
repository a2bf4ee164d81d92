using Microsoft.Extensions.Logging;

namespace OrleansEci.Eci;

/// <summary>The client's log lines. They name actions, codes and request ids, never parameters or credentials.</summary>
internal static partial class EciClientLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "ECI {Action} succeeded (RequestId {RequestId})")]
    public static partial void Succeeded(ILogger logger, string action, string? requestId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "ECI {Action} failed: {Category} {Code}: {ErrorMessage} (HTTP {HttpStatus}, RequestId {RequestId})")]
    public static partial void Failed(ILogger logger, string action, string category, string? code, string? errorMessage, int? httpStatus, string? requestId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "ECI {Action} attempt {Attempt} failed ({Category} {Code}, RequestId {RequestId}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string action, int attempt, string? category, string? code, string? requestId, TimeSpan delay);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "ECI {Action} waited {Waited} for a rate-limit token")]
    public static partial void WaitedForToken(ILogger logger, string action, TimeSpan waited);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "ECI {Action} generated ClientToken {ClientToken} before the first attempt")]
    public static partial void GeneratedClientToken(ILogger logger, string action, string clientToken);
}
