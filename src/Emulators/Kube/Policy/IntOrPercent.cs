using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Policy;

/// <summary>An intstr.IntOrString: a whole number, or a percentage <c>"N%"</c>.</summary>
public readonly record struct IntOrPercent(int Value, bool IsPercent)
{
    /// <summary>The value of a JSON number or string; null when malformed.</summary>
    public static IntOrPercent? Parse(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return value.TryGetValue(out int n) ? new IntOrPercent(n, false) : null;
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        if (text is null)
        {
            return null;
        }

        if (text.EndsWith('%'))
        {
            return int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? new IntOrPercent(p, true) : null;
        }

        // A number in a string is an error for these fields (a percent string must end in '%').
        return null;
    }

    /// <summary>GetScaledValueFromIntOrPercent: the number, or the percentage of <paramref name="total"/>, rounded as asked.</summary>
    public int Scaled(int total, bool roundUp) => !IsPercent ? Value
        : roundUp ? (int)Math.Ceiling(Value * (double)total / 100) : (int)Math.Floor(Value * (double)total / 100);
}
