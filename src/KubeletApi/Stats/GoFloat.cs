using System.Globalization;

namespace OrleansEci.KubeletApi.Stats;

/// <summary>
/// Numbers as the Prometheus Go client writes them (strconv.FormatFloat(v, 'g', -1, 64)): the shortest digits that
/// round-trip, in exponent form when the decimal exponent is below -4 or at least 6 (Go's rule for the shortest form), e.g. <c>1.073741824e+09</c>.
/// </summary>
internal static class GoFloat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0";
        }

        // "E16" then trimmed is not shortest; "R" is, but picks its own notation, so take its digits and exponent apart.
        var e = value.ToString("E16", CultureInfo.InvariantCulture);
        var exponent = int.Parse(e[(e.IndexOf('E', StringComparison.Ordinal) + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var mantissa = shortest.TrimStart('-');
        var ePos = mantissa.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            mantissa = mantissa[..ePos];
        }

        var digits = mantissa.Replace(".", "", StringComparison.Ordinal).TrimStart('0').TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        // strconv/ftoa.go: with the shortest precision, %e is used when exp < -4 || exp >= 6.
        string text;
        if (exponent < -4 || exponent >= 6)
        {
            var frac = digits.Length > 1 ? "." + digits[1..] : "";
            text = $"{digits[0]}{frac}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }
        else if (exponent < 0)
        {
            text = "0." + new string('0', -exponent - 1) + digits;
        }
        else if (digits.Length <= exponent + 1)
        {
            text = digits + new string('0', exponent + 1 - digits.Length);
        }
        else
        {
            text = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
        }

        return negative ? "-" + text : text;
    }
}
