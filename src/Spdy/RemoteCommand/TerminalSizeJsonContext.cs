using System.Text.Json.Serialization;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>Source-generated JSON metadata for <see cref="TerminalSize"/>.</summary>
[JsonSerializable(typeof(TerminalSize))]
internal sealed partial class TerminalSizeJsonContext : JsonSerializerContext;
