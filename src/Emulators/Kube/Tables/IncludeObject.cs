namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>The <c>includeObject</c> query parameter of Table requests: what each row's <c>object</c> carries.</summary>
public enum IncludeObject
{
    /// <summary>No object.</summary>
    None,

    /// <summary>The default: a <c>PartialObjectMetadata</c> with the object's metadata (kubectl reads namespace and labels from it).</summary>
    Metadata,

    /// <summary>The whole object (<c>kubectl get --sort-by</c>).</summary>
    Object,
}
