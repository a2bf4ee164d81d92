using Microsoft.Extensions.Logging;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>The log lines every controller writes (source-generated).</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Controller} started")]
    public static partial void Started(ILogger logger, string controller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller} fell behind on the {Resource} watch; relisting")]
    public static partial void Relisting(ILogger logger, string controller, string resource);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Controller} failed to handle a {Resource} change of {Key}")]
    public static partial void EventFailed(ILogger logger, string controller, string resource, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller} failed to sync {Key}; retrying with backoff")]
    public static partial void SyncFailed(ILogger logger, string controller, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Component} could not record event {Reason} for {Object}")]
    public static partial void EventNotRecorded(ILogger logger, string component, string reason, string @object, Exception exception);
}
