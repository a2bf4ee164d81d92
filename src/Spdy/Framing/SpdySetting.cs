namespace OrleansEci.Spdy.Framing;

/// <summary>One SETTINGS entry: flags (PERSIST_VALUE = 1, PERSISTED = 2), id and value.</summary>
public readonly record struct SpdySetting(SpdySettingId Id, uint Value, byte Flags = 0);
