using Microsoft.Extensions.Logging;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>The webhook's log lines.</summary>
internal static partial class AdmissionLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Refused a malformed AdmissionReview: {Problem}")]
    public static partial void MalformedReview(ILogger logger, string problem);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Pod {Namespace}/{Name} ({Uid}) routed to ECI by {Route} with {Operations} patch operations")]
    public static partial void Patched(ILogger logger, string @namespace, string name, string uid, string route, int operations);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Pod {Namespace}/{Name} ({Uid}) denied: {Reason}")]
    public static partial void Denied(ILogger logger, string @namespace, string name, string uid, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Namespace {Namespace} is not known to the namespace cache; answered 503 for review {Uid}")]
    public static partial void NamespaceUnknown(ILogger logger, string @namespace, string uid);
}
