using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>ListUsage (reference §3.9): vCPUs in use against the regional quota. Image/data caches are not emulated
/// and report zero of the documented default maxima.</summary>
internal sealed class ListUsageAction : IEciAction
{
    public string Name => "ListUsage";

    public object Execute(ActionCall call) => new
    {
        call.RequestId,
        Attributes = new
        {
            UsedCpu = call.State.Region.UsedCpu,
            MaxCpu = call.State.Region.Options.VcpuQuota,
            MaxImageCacheCount = 50,
            UsedImageCacheCount = 0,
            MaxAutoImageCacheCount = 50,
            UsedAutoImageCacheCount = 0,
            MaxDataCacheCount = 50,
            UsedDataCacheCount = 0,
        },
    };
}
