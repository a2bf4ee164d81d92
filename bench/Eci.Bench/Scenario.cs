namespace OrleansEci.Eci.Bench;

/// <summary>
/// A benchmark scenario: its name, what it prepares on a fresh service, and the one client call it repeats
/// (given the worker's index and a running call count, so calls can vary without shared state).
/// </summary>
internal sealed record Scenario(string Name, Func<BenchService, CancellationToken, Task> Prepare, Func<BenchService, int, long, CancellationToken, Task> Call);
