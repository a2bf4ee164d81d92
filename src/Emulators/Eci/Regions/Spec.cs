using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>
/// A compute spec: either an ECS instance type or a vCPU/memory size written <c>C-MGi</c> (e.g. <c>2-4Gi</c>,
/// as in the <c>k8s.aliyun.com/eci-use-specs</c> annotation).
/// </summary>
internal sealed partial record Spec(string Key, double Cpu, double Memory, int Gpu, bool IsInstanceType)
{
    // Supported vCPU/memory combinations (https://help.aliyun.com/document_detail/114662.html, "vCPU and memory
    // specifications"); unsupported requests round UP to the nearest one (7c/13G -> 8c/14G is the doc's example;
    // that doc lists finer memory steps than kept here).
    private static readonly (double Cpu, double[] Memory)[] Supported =
    [
        (0.25, [0.5, 1]), (0.5, [1, 2]), (1, [2, 4, 8]), (2, [2, 4, 8, 16]), (4, [4, 8, 16, 32]),
        (8, [8, 16, 32, 64]), (12, [12, 24, 48, 96]), (16, [16, 32, 64, 128]), (24, [24, 48, 96, 192]),
        (32, [32, 64, 128, 256]), (52, [96, 192, 384]), (64, [128, 256, 512]),
    ];

    public static Spec ForSize(double cpu, double memory) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{cpu:0.##}-{memory:0.##}Gi"), cpu, memory, 0, false);

    /// <summary>The smallest supported size with at least the requested vCPU and memory, or null above 64c/512G.</summary>
    public static Spec? RoundUp(double cpu, double memory)
    {
        foreach ((double c, double[] mems) in Supported)
        {
            if (c < cpu)
            {
                continue;
            }

            foreach (double m in mems)
            {
                if (m >= memory)
                {
                    return ForSize(c, m);
                }
            }
        }

        return null;
    }

    /// <summary>Parses <c>2-4Gi</c> or <c>2-4</c>; null when the text is not of that form.</summary>
    public static Spec? TryParseSize(string text)
    {
        Match m = SizePattern().Match(text);
        if (!m.Success)
        {
            return null;
        }

        double cpu = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        double memory = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return RoundUp(cpu, memory);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?:Gi)?$")]
    private static partial Regex SizePattern();
}
