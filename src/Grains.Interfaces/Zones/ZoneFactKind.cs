namespace OrleansEci.Grains.Zones;

/// <summary>The kinds of fact a zone's knowledge holds.</summary>
[GenerateSerializer, Alias("eci.ZoneFactKind")]
public enum ZoneFactKind
{
    /// <summary>The spec (subject) had stock at <see cref="ZoneFact.At"/>.</summary>
    SpecAvailable = 0,

    /// <summary>The spec (subject) was out of stock at <see cref="ZoneFact.At"/>.</summary>
    SpecOut = 1,

    /// <summary>The spec's (subject) stock was about to run out.</summary>
    SpecLow = 2,

    /// <summary>The whole zone was closed for new instances (subject empty).</summary>
    ZoneClosed = 3,

    /// <summary>The vSwitch (subject) had no free address.</summary>
    VSwitchFull = 4,

    /// <summary>The security group (subject) was at its instance quota.</summary>
    SecurityGroupFull = 5,

    /// <summary>Groups this runtime placed on the vSwitch (subject) and has not deleted: <see cref="ZoneFact.Count"/>. Never expires.</summary>
    Placed = 6,
}
