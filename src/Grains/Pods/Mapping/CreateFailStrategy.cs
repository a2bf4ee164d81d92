namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>What to do when creation keeps failing (<c>k8s.aliyun.com/eci-fail-strategy</c>).</summary>
public enum CreateFailStrategy
{
    /// <summary><c>fail-back</c> (default; <c>fail-over</c> is the same): retry, the pod stays Pending.</summary>
    FailBack,

    /// <summary><c>fail-fast</c> (or <c>pod-fail-on-create-err: "true"</c>): after the retries, phase Failed, reason ProviderFailed.</summary>
    FailFast,

    /// <summary><c>eci-reschedule-enable: "true"</c>: keep retrying with capped backoff, never give up.</summary>
    Reschedule,
}
