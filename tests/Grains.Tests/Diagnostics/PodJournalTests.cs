using OrleansEci.Grains.Diagnostics;
using OrleansEci.Grains.Pods.Journal;

namespace OrleansEci.Grains.Tests.Diagnostics;

/// <summary>The pod journal's ring: bounded, oldest dropped first, texts cut, newest of a kind found.</summary>
public sealed class PodJournalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Entries_MoreThanCapacity_KeepsTheNewestInOrderAndCountsTheDropped()
    {
        var journal = new PodJournal();
        int total = PodJournal.Capacity + 37;
        for (int i = 0; i < total; i++)
        {
            journal.Add(new JournalEntry(T0.AddSeconds(i), JournalEntryKind.EciCall, $"call {i}"));
        }

        var entries = journal.Entries();
        Assert.Equal(PodJournal.Capacity, entries.Count);
        Assert.Equal("call 37", entries[0].Summary);
        Assert.Equal($"call {total - 1}", entries[^1].Summary);
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.At < p.Second.At), "Expected the journal's entries oldest first after wrapping around.");
        Assert.Equal(37, journal.Dropped);
    }

    [Fact]
    public void Entries_FewerThanCapacity_AllInOrderNoneDropped()
    {
        var journal = new PodJournal();
        journal.Add(new JournalEntry(T0, JournalEntryKind.Activation, "a"));
        journal.Add(new JournalEntry(T0.AddSeconds(1), JournalEntryKind.Transition, "b"));

        Assert.Equal(["a", "b"], journal.Entries().Select(e => e.Summary));
        Assert.Equal(0, journal.Dropped);
    }

    [Fact]
    public void Add_HugeTexts_CutToTheLimit()
    {
        var journal = new PodJournal();
        journal.Add(new JournalEntry(T0, JournalEntryKind.Event, new string('s', 5000)) { Detail = new string('d', 5000) });

        JournalEntry entry = journal.Entries()[0];
        Assert.Equal(PodJournal.MaxText, entry.Summary.Length);
        Assert.Equal(PodJournal.MaxText, entry.Detail!.Length);
        Assert.EndsWith("…", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Last_OfAKind_IsTheNewestEvenAfterWrapping()
    {
        var journal = new PodJournal();
        for (int i = 0; i < PodJournal.Capacity * 2; i++)
        {
            journal.Add(new JournalEntry(T0.AddSeconds(i), i % 3 == 0 ? JournalEntryKind.Retry : JournalEntryKind.EciCall, $"e{i}"));
        }

        int newestRetry = Enumerable.Range(0, PodJournal.Capacity * 2).Last(i => i % 3 == 0);
        Assert.Equal($"e{newestRetry}", journal.Last(JournalEntryKind.Retry)?.Summary);
        Assert.Null(journal.Last(JournalEntryKind.Decision));
    }
}
