namespace OrleansEci.Runtime.Bench;

/// <summary>What the driver saw of one pod, in <see cref="System.Diagnostics.Stopwatch"/> ticks. Guarded by its own lock.</summary>
internal sealed class TrackedPod(string name)
{
    public string Name { get; } = name;

    public Lock Gate { get; } = new();

    /// <summary>When the driver sent the create (the pod is bound then: it names its node).</summary>
    public long CreatedAt { get; set; }

    /// <summary>First watch event with phase Running; 0 until then.</summary>
    public long RunningAt { get; set; }

    public string? Phase { get; set; }

    /// <summary>The container group, from the runtime's instance-id annotation.</summary>
    public string? GroupId { get; set; }

    /// <summary>Phase, conditions and container states as a string: a change is a status transition the user sees.</summary>
    public string Signature { get; set; } = "";

    /// <summary>Times <see cref="Signature"/> changed.</summary>
    public int Transitions { get; set; }

    /// <summary>Completed with the tick of the next transition, when a probe waits for one.</summary>
    public TaskCompletionSource<long>? Waiter { get; set; }
}
