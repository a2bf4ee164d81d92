namespace OrleansEci.Eci.Wire;

/// <summary>How a list-valued request property is encoded (eci-openapi.md §1.4).</summary>
public enum WireFormat
{
    /// <summary>1-based repeated parameters: <c>Name.1</c>, <c>Name.2</c>, ... (the default for lists).</summary>
    Repeated,

    /// <summary>One parameter holding a JSON array, e.g. <c>ContainerGroupIds=["eci-a","eci-b"]</c>.</summary>
    JsonText,

    /// <summary>One comma-separated parameter, e.g. <c>VSwitchId=vsw-a,vsw-b</c>.</summary>
    CommaList,
}
