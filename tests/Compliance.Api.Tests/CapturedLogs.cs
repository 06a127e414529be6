using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Compliance.Api.Tests;

/// <summary>
/// Every entry the service's logging lets through (after its own level rules), with its structured fields: the test
/// sees what a console or a log shipper would.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)
    {
        /// <summary>Everything the entry would put on a line: the message and each field's value.</summary>
        public string AllText => Message + " " + string.Join(" ", Fields.Values);
    }

    public int Count => _entries.Count;

    public IReadOnlyList<Entry> Since(int count) => [.. _entries.Skip(count)];

    /// <summary>Waits until at least <paramref name="expected"/> entries follow <paramref name="since"/>, then a moment more for any extra.</summary>
    public async Task<IReadOnlyList<Entry>> SettleAsync(int since, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_entries.Count - since < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        await Task.Delay(300);
        return Since(since);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Where(p => p.Key != "{OriginalFormat}").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
                : [];
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception), fields));
        }
    }
}
