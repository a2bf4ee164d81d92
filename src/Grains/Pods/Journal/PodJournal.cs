using OrleansEci.Grains.Diagnostics;

namespace OrleansEci.Grains.Pods.Journal;

/// <summary>
/// A pod grain's lifecycle journal: a bounded ring of <see cref="JournalEntry"/> in memory (never persisted), the oldest
/// dropped first once <see cref="Capacity"/> entries are held. Texts are cut to <see cref="MaxText"/> characters, so a
/// journal stays within a few tens of KB. Used from the grain's turns only (not thread-safe by design).
/// </summary>
public sealed class PodJournal
{
    /// <summary>Entries kept per pod: a create with a dozen retries, its events and status writes fit many times over.</summary>
    public const int Capacity = 200;

    /// <summary>Longest summary or detail kept.</summary>
    public const int MaxText = 1000;

    private readonly JournalEntry[] _ring = new JournalEntry[Capacity];
    private int _next;
    private long _written;

    /// <summary>Entries ever added, including dropped ones.</summary>
    public long Written => _written;

    /// <summary>Entries that fell out of the ring.</summary>
    public long Dropped => Math.Max(0, _written - Capacity);

    public void Add(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _ring[_next] = entry with { Summary = Cut(entry.Summary)!, Detail = Cut(entry.Detail) };
        _next = (_next + 1) % Capacity;
        _written++;
    }

    /// <summary>The entries held, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Entries()
    {
        int count = (int)Math.Min(_written, Capacity);
        var entries = new List<JournalEntry>(count);
        int start = _written > Capacity ? _next : 0;
        for (int i = 0; i < count; i++)
        {
            entries.Add(_ring[(start + i) % Capacity]);
        }

        return entries;
    }

    /// <summary>The newest entry of <paramref name="kind"/>, or null.</summary>
    public JournalEntry? Last(JournalEntryKind kind)
    {
        int count = (int)Math.Min(_written, Capacity);
        for (int i = 1; i <= count; i++)
        {
            JournalEntry entry = _ring[(_next - i + Capacity) % Capacity];
            if (entry.Kind == kind)
            {
                return entry;
            }
        }

        return null;
    }

    private static string? Cut(string? text) => text is { Length: > MaxText } ? string.Concat(text.AsSpan(0, MaxText - 1), "…") : text;
}
