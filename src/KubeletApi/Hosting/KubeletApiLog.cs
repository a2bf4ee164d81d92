using Microsoft.Extensions.Logging;

namespace OrleansEci.KubeletApi.Hosting;

/// <summary>The kubelet API's log lines. Tokens never appear; certificates by subject only.</summary>
internal static partial class KubeletApiLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Kubelet API request to {Path} carries neither a client certificate nor a bearer token")]
    public static partial void Anonymous(ILogger logger, string path);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Kubelet API client certificate {Subject} rejected: {Reason}")]
    public static partial void CertificateRejected(ILogger logger, string subject, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Kubelet API bearer token rejected by TokenReview: {Reason}")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Kubelet API could not authenticate or authorize a request to {Path} through the API server")]
    public static partial void AuthCheckFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Following the log of {Namespace}/{Pod} container {Container} stopped: {Reason}")]
    public static partial void FollowStopped(ILogger logger, string @namespace, string pod, string container, string reason);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "A log poll of {Namespace}/{Pod} container {Container} failed ({Category}); following again at the next interval")]
    public static partial void FollowPollFailed(ILogger logger, string @namespace, string pod, string container, Eci.Errors.EciErrorCategory category);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Metrics of {Count} container groups on node {Node} could not be read from ECI")]
    public static partial void MetricsFailed(ILogger logger, int count, string node, Exception exception);
}
