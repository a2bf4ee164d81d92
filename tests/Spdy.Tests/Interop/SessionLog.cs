using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace OrleansEci.Spdy.Tests.Interop;

/// <summary>Keeps every message a SPDY session logs (Debug and up), e.g. the GOAWAY it received.</summary>
internal sealed class SessionLog : ILogger
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue(formatter(state, exception));
}
