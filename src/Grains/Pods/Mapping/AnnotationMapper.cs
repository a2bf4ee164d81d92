using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// Applies the pod's annotations to the request (eci-openapi.md §3.11; eci-annotations-current.md), overriding the
/// node's defaults. Network and public-address annotations are in AnnotationMapper.Network.cs, images, OS and tags in
/// AnnotationMapper.System.cs.
/// </summary>
internal static partial class AnnotationMapper
{
    /// <summary>ECI takes at most 5 specs (eci-annotations-current.md §1, SPEC).</summary>
    private const int MaxSpecs = 5;

    public static CreateContainerGroupRequest Apply(MappingScope scope, CreateContainerGroupRequest request)
    {
        var reader = new AnnotationReader(scope);
        request = Compute(reader, request);
        request = Spot(reader, request);
        request = Network(scope, reader, request);
        request = PublicNetwork(reader, request);
        request = Images(reader, request);
        return OperatingSystem(scope, reader, request);
    }

    /// <summary>What the annotations ask of the pod grain (creation failures, spot handling).</summary>
    public static PodCreationPolicy Policy(MappingScope scope)
    {
        var reader = new AnnotationReader(scope);
        string? strategy = reader.OneOf(PodAnnotations.FailStrategy, "fail-back", "fail-over", "fail-fast");
        bool? failOnError = reader.Bool(PodAnnotations.PodFailOnCreateErr);
        bool? reschedule = reader.Bool(PodAnnotations.RescheduleEnable);
        CreateFailStrategy fail = strategy switch
        {
            "fail-fast" => CreateFailStrategy.FailFast,
            "fail-back" or "fail-over" => CreateFailStrategy.FailBack,
            _ when failOnError == true => CreateFailStrategy.FailFast,
            _ when reschedule == true => CreateFailStrategy.Reschedule,
            _ => CreateFailStrategy.FailBack,
        };
        bool fallback = reader.Bool(PodAnnotations.SpotFallback) ?? false;
        bool evict = reader.OneOf(PodAnnotations.SpotReleaseStrategy, "api-evict") is not null;
        return new PodCreationPolicy(fail, fallback, evict);
    }

    private static CreateContainerGroupRequest Compute(AnnotationReader reader, CreateContainerGroupRequest request)
    {
        IReadOnlyList<string>? specs = reader.List([PodAnnotations.UseSpecs], MaxSpecs, SpecPattern(), "specs such as 2-4Gi or ECS types such as ecs.c6.xlarge");
        IReadOnlyList<string>? categories = reader.List([PodAnnotations.ComputeCategory], 2, CategoryPattern(), "compute categories (economy, general)");
        int? cores = reader.Int(PodAnnotations.CpuOptionCore, 1, 512);
        int? threads = reader.Int(PodAnnotations.CpuOptionHt, 1, 2);
        string? driver = reader.Matching(PodAnnotations.GpuDriverVersion, DriverPattern(), "a driver such as tesla=535 or tesla=525.85.12");
        long? extra = reader.Parse([PodAnnotations.ExtraEphemeralStorage], "a positive size such as 50Gi", v =>
            Quantities.TryParse(v, out k8s.Models.ResourceQuantity? q) && q.ToDecimal() > 0 ? Quantities.WholeGiB(q) : (long?)null);
        int? maxPending = reader.Int(PodAnnotations.MaxPendingMinute, 10, 1440);

        _ = reader.List([PodAnnotations.InstanceFamily], 20, FamilyPattern(), "ECS families such as ecs.c6 or -ecs.hfg5");
        reader.NotApplied(PodAnnotations.InstanceFamily, "CreateContainerGroup has no instance-family parameter; list the ECS types in k8s.aliyun.com/eci-use-specs instead.");
        _ = reader.List([PodAnnotations.InstanceGeneration], 10, GenerationPattern(), "generations such as 6 or -5");
        reader.NotApplied(PodAnnotations.InstanceGeneration, "CreateContainerGroup has no instance-generation parameter; list the ECS types in k8s.aliyun.com/eci-use-specs instead.");
        _ = reader.OneOf(PodAnnotations.PrivatePoolMatchCriteria, "Open", "Target");
        reader.NotApplied(PodAnnotations.PrivatePoolMatchCriteria, "private pools are not supported by this virtual kubelet.");
        reader.NotApplied(PodAnnotations.PrivatePoolId, "private pools are not supported by this virtual kubelet.");

        return request with
        {
            InstanceTypes = specs ?? request.InstanceTypes,
            Cpu = specs is null ? request.Cpu : null,
            Memory = specs is null ? request.Memory : null,
            ComputeCategories = categories,
            CpuOptionsCore = cores,
            CpuOptionsThreadsPerCore = threads,
            GpuDriverVersion = driver,
            EphemeralStorage = extra is null ? null : (int)Math.Min(extra.Value, int.MaxValue),
            MaxPendingMinute = maxPending,
        };
    }

    private static CreateContainerGroupRequest Spot(AnnotationReader reader, CreateContainerGroupRequest request)
    {
        string? strategy = reader.OneOf(PodAnnotations.SpotStrategy, "NoSpot", "SpotAsPriceGo", "SpotWithPriceLimit");
        double? limit = reader.Parse([PodAnnotations.SpotPriceLimit], "a positive hourly price with at most 3 decimals, such as 0.5", v =>
            decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal d) && d > 0 && d.Scale <= 3 ? (double)d : (double?)null);
        long? duration = reader.Parse([PodAnnotations.SpotDuration], "a whole number of hours, 0 or more", v =>
            long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long h) ? h : (long?)null);
        if (strategy == "SpotWithPriceLimit" && limit is null && reader.Find(PodAnnotations.SpotPriceLimit) is null)
        {
            reader.Invalid(PodAnnotations.SpotStrategy, $"SpotWithPriceLimit together with {PodAnnotations.SpotPriceLimit} (or SpotAsPriceGo without a limit)");
        }

        if (limit is not null && strategy != "SpotWithPriceLimit")
        {
            reader.NotApplied(PodAnnotations.SpotPriceLimit, $"it applies only with {PodAnnotations.SpotStrategy}: SpotWithPriceLimit.");
            limit = null;
        }

        if (duration is not null && strategy is null or "NoSpot")
        {
            reader.NotApplied(PodAnnotations.SpotDuration, $"it applies only to spot instances ({PodAnnotations.SpotStrategy}).");
            duration = null;
        }

        return request with { SpotStrategy = strategy, SpotPriceLimit = limit, SpotDuration = duration };
    }

    private static bool IsIp(string text, AddressFamily family) =>
        IPAddress.TryParse(text, out IPAddress? ip) && ip.AddressFamily == family;

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)?-\d+(?:\.\d+)?Gi|ecs\.[a-z0-9-]+\.[a-z0-9-]+)$")]
    private static partial Regex SpecPattern();

    [GeneratedRegex("^(?:economy|general)$")]
    private static partial Regex CategoryPattern();

    [GeneratedRegex(@"^[a-z]+=\d+(?:\.\d+)*$")]
    private static partial Regex DriverPattern();

    [GeneratedRegex(@"^-?ecs\.[a-z0-9-]+$")]
    private static partial Regex FamilyPattern();

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex GenerationPattern();
}
