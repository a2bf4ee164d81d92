using System.Collections;

namespace OrleansEci.Spdy.Framing;

/// <summary>
/// The name/value block of a SYN_STREAM, SYN_REPLY or HEADERS frame, in order. Names are stored lowercase (Go's
/// spdystream closes the connection on an upper-case name); a name added twice keeps one entry whose values are
/// NUL-separated, as SPDY/3 §2.6.10 requires.
/// </summary>
public sealed class SpdyHeaders : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> entries = [];

    /// <summary>The number of distinct names.</summary>
    public int Count => entries.Count;

    /// <summary>The entry at <paramref name="index"/>; a multi-valued entry's value is NUL-separated.</summary>
    public KeyValuePair<string, string> this[int index] => entries[index];

    /// <summary>The first value of <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? this[string name]
    {
        get
        {
            var index = IndexOf(name);
            if (index < 0)
            {
                return null;
            }

            var value = entries[index].Value;
            var nul = value.IndexOf('\0', StringComparison.Ordinal);
            return nul < 0 ? value : value[..nul];
        }
    }

    /// <summary>Adds <paramref name="value"/> under <paramref name="name"/> (lowercased), merging with an existing name.</summary>
    public void Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        var lower = name.ToLowerInvariant();
        var index = IndexOf(lower);
        if (index < 0)
        {
            entries.Add(new(lower, value));
        }
        else
        {
            entries[index] = new(lower, entries[index].Value + "\0" + value);
        }
    }

    /// <summary>A copy, so a frame waiting to be written is not changed by later edits of the original.</summary>
    public SpdyHeaders Clone()
    {
        var copy = new SpdyHeaders();
        copy.entries.AddRange(entries);
        return copy;
    }

    /// <summary>Whether <paramref name="name"/> is present (case-insensitive).</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>All values of <paramref name="name"/> (case-insensitive), split at NUL; empty if absent.</summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? [] : entries[index].Value.Split('\0');
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => entries.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Renders the headers as <c>name: value</c> lines, for diagnostics.</summary>
    public override string ToString() => string.Join(", ", entries.Select(e => $"{e.Key}: {e.Value.Replace('\0', '|')}"));

    private int IndexOf(string name) =>
        entries.FindIndex(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase));
}
