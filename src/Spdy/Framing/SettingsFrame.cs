namespace OrleansEci.Spdy.Framing;

/// <summary>SETTINGS: connection parameters; <paramref name="ClearSettings"/> is FLAG_SETTINGS_CLEAR_SETTINGS.</summary>
public sealed record SettingsFrame(bool ClearSettings, IReadOnlyList<SpdySetting> Settings) : SpdyFrame;
