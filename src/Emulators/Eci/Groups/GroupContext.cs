using OrleansEci.Emulators.Eci.Regions;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>What a container group needs from its surroundings while it advances: timings and the region to
/// give resources back to.</summary>
internal sealed record GroupContext(LifecycleOptions Lifecycle, RegionState Region);
