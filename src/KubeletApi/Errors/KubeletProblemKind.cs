namespace OrleansEci.KubeletApi.Errors;

/// <summary>The closed set of reasons a kubelet API request is not served. <see cref="KubeletResults"/> maps each to one HTTP status.</summary>
public enum KubeletProblemKind
{
    /// <summary>A malformed query value or a request the pod's state cannot answer (400).</summary>
    BadRequest,

    /// <summary>No valid client certificate or bearer token (401).</summary>
    Unauthorized,

    /// <summary>Authenticated, but SubjectAccessReview did not allow it (403).</summary>
    Forbidden,

    /// <summary>Unknown pod, container or node (404).</summary>
    NotFound,

    /// <summary>A route this kubelet does not serve yet, or ECI cannot serve (501).</summary>
    NotImplemented,

    /// <summary>ECI throttled the call (429).</summary>
    TooManyRequests,

    /// <summary>ECI or the API server did not answer in time (503).</summary>
    Unavailable,

    /// <summary>ECI refused the call for a reason the caller cannot fix (502).</summary>
    UpstreamFailed,

    /// <summary>Authorization could not be decided, as the kubelet's "Authorization error" (500).</summary>
    Internal,
}
