namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>The reasons an <see cref="Unsupported"/> result carries; they become the pod's status reason and event reason.</summary>
public static class MappingReasons
{
    public const string InvalidAnnotation = "InvalidAnnotation";

    public const string InvalidSpec = "InvalidSpec";

    public const string UnsupportedHostPath = "UnsupportedHostPath";

    public const string UnsupportedHostNetwork = "UnsupportedHostNetwork";

    public const string UnsupportedHostNamespace = "UnsupportedHostNamespace";

    public const string UnsupportedPrivileged = "UnsupportedPrivileged";

    public const string UnsupportedDaemonSet = "UnsupportedDaemonSet";

    public const string UnsupportedPersistentVolumeClaim = "UnsupportedPersistentVolumeClaim";

    public const string UnsupportedVolume = "UnsupportedVolume";

    public const string TooManyContainers = "TooManyContainers";

    public const string TooManyVolumes = "TooManyVolumes";

    public const string ConfigFileTooLarge = "ConfigFileTooLarge";
}
