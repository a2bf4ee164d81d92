namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>What a <see cref="ResourceStrategy"/> may use: the clock, randomness and the service (to read other objects).</summary>
public sealed class StrategyContext
{
    public StrategyContext(TimeProvider time, Random random, ResourceService service)
    {
        Time = time;
        Random = random;
        Service = service;
    }

    public TimeProvider Time { get; }

    public Random Random { get; }

    public ResourceService Service { get; }

    /// <summary>Now as kube-apiserver writes timestamps: RFC 3339, whole seconds, UTC.</summary>
    public string Timestamp(TimeSpan offset = default) => Meta.FormatTime(Time.GetUtcNow() + offset);
}
