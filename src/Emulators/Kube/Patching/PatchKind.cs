namespace OrleansEci.Emulators.Kube.Patching;

/// <summary>The PATCH content types this server applies.</summary>
public enum PatchKind
{
    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,

    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/strategic-merge-patch+json</c>.</summary>
    StrategicMerge,
}
