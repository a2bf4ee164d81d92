namespace OrleansEci.Emulators.Eci.Hosting;

/// <summary>Source-generated log messages. AccessKey secrets and signatures are never logged.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(1, LogLevel.Information, "Local ECI service listening on {BaseUri} (region {RegionId}, {KeyCount} access key(s))")]
    public static partial void Listening(ILogger logger, Uri baseUri, string regionId, int keyCount);

    [LoggerMessage(2, LogLevel.Debug, "{Action} by {AccessKeyId} answered {Status} {Code}")]
    public static partial void Answered(ILogger logger, string action, string accessKeyId, int status, string code);

    [LoggerMessage(3, LogLevel.Error, "{Action} failed unexpectedly; answered InternalError")]
    public static partial void Unexpected(ILogger logger, Exception exception, string action);

    [LoggerMessage(4, LogLevel.Information, "Control API: {What}")]
    public static partial void Control(ILogger logger, string what);
}
