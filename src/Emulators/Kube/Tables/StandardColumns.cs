namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>The columns many printers share, defined once as printers.go defines them.</summary>
public static class StandardColumns
{
    /// <summary>The NAME column every printer starts with (format <c>name</c>).</summary>
    public static readonly TableColumn Name = new("Name", "string", ColumnDescriptions.Name, Format: "name");

    /// <summary>The AGE column: a human duration since <c>metadata.creationTimestamp</c>.</summary>
    public static readonly TableColumn Age = new("Age", "string", ColumnDescriptions.CreationTimestamp);

    /// <summary>The <c>-o wide</c> CONTAINERS column of workload printers.</summary>
    public static readonly TableColumn Containers = new("Containers", "string", "Names of each container in the template.", 1);

    /// <summary>The <c>-o wide</c> IMAGES column of workload printers.</summary>
    public static readonly TableColumn Images = new("Images", "string", "Images referenced by each container in the template.", 1);
}
