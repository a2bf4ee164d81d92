using System.Diagnostics.CodeAnalysis;
using k8s.Models;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>Kubernetes quantities in the units ECI takes: vCPUs and GiB, rounded up to 3 decimals so a container never gets less.</summary>
internal static class Quantities
{
    private const decimal Gibibyte = 1024m * 1024m * 1024m;

    /// <summary>Parses a quantity such as <c>250m</c>, <c>1.5Gi</c> or <c>2</c>; false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ResourceQuantity? quantity)
    {
        quantity = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            quantity = new ResourceQuantity(text.Trim());
            _ = quantity.ToDecimal();
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            quantity = null;
            return false;
        }
    }

    public static double Cores(ResourceQuantity quantity) => RoundUp(quantity.ToDecimal());

    public static double GiB(ResourceQuantity quantity) => RoundUp(quantity.ToDecimal() / Gibibyte);

    /// <summary>Whole GiB, rounded up.</summary>
    public static long WholeGiB(ResourceQuantity quantity) => (long)Math.Ceiling(quantity.ToDecimal() / Gibibyte);

    private static double RoundUp(decimal value) => (double)(Math.Ceiling(value * 1000m) / 1000m);
}
