namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>The <c>type</c> of a watch event.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}
