using System.Globalization;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>Timestamps as the API writes them (RFC 3339, whole seconds, UTC).</summary>
public static class Time
{
    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
