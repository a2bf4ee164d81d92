namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>Waits, bounded, for something another process or the server does (a watch opening, a deletion starting).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test saying what did not happen.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(DefaultLimit);
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"Expected {what} within {DefaultLimit.TotalSeconds} s; it did not happen.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
