namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A tag, <c>Tag.N.{Key,Value}</c> (≤ 20 per group; key ≤ 64 chars, value ≤ 128 and may be empty).</summary>
public sealed record Tag(string Key, string Value);
