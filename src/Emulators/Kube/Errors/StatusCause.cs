namespace OrleansEci.Emulators.Kube.Errors;

/// <summary>One entry of a Status's <c>details.causes</c>, as kube-apiserver's field errors produce them.</summary>
/// <param name="Reason">FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueDuplicate, FieldValueForbidden, ...</param>
/// <param name="Field">The JSON path of the field, e.g. <c>metadata.name</c> or <c>spec.containers[0].image</c>.</param>
/// <param name="Message">The detail, e.g. <c>Required value</c> or <c>Invalid value: "x": ...</c>.</param>
public sealed record StatusCause(string Reason, string Field, string Message)
{
    /// <summary>Field is required (<c>Required value</c>).</summary>
    public static StatusCause Required(string field, string detail = "") =>
        new("FieldValueRequired", field, detail.Length == 0 ? "Required value" : $"Required value: {detail}");

    /// <summary>Field has an invalid value, quoted as Go's <c>%q</c> would for strings.</summary>
    public static StatusCause Invalid(string field, object? value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {GoValue(value)}: {detail}");

    /// <summary>Field value is not one of the supported values.</summary>
    public static StatusCause NotSupported(string field, object? value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field,
            $"Unsupported value: {GoValue(value)}: supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}");

    /// <summary>Field is forbidden to be set or changed.</summary>
    public static StatusCause Forbidden(string field, string detail) => new("FieldValueForbidden", field, $"Forbidden: {detail}");

    /// <summary>Field value duplicates another element.</summary>
    public static StatusCause Duplicate(string field, object? value) => new("FieldValueDuplicate", field, $"Duplicate value: {GoValue(value)}");

    /// <summary>Field value is too long.</summary>
    public static StatusCause TooLong(string field, object? value, int max) =>
        new("FieldValueTooLong", field, $"Too long: may not be more than {max} bytes");

    /// <summary>The line kubectl and the Status message show: <c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";

    private static string GoValue(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
