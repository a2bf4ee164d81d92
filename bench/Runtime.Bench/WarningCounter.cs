using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// Counts the silo's warnings and errors by category and event id, keeping the first message of each (shortened), so
/// the report says what went wrong under load without pages of log.
/// </summary>
internal sealed class WarningCounter : ILoggerProvider
{
    private const int MessageLength = 240;
    private readonly ConcurrentDictionary<string, (int Count, string First)> _counts = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

    /// <summary>Counts so far, most frequent first.</summary>
    public IReadOnlyList<(string Key, int Count, string First)> Snapshot() =>
        [.. _counts.Select(kv => (kv.Key, kv.Value.Count, kv.Value.First)).OrderByDescending(c => c.Count)];

    public void Dispose()
    {
    }

    private void Add(string key, string message) =>
        _counts.AddOrUpdate(key, static (_, m) => (1, m), static (_, old, _) => (old.Count + 1, old.First),
            message.Length > MessageLength ? message[..MessageLength] + "…" : message);

    private sealed class Counter(WarningCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                // The exception first: Orleans' messages are long and would push it past the kept length.
                string cause = exception is null ? "" : $"{exception.GetType().Name}: {exception.Message} — ";
                owner.Add($"{logLevel} {category}[{eventId.Id}]", (cause + formatter(state, exception)).ReplaceLineEndings(" "));
            }
        }
    }
}
