namespace OrleansEci.Silo.Hosting;

/// <summary>How silos find each other and where grain state and reminders live (<c>Orleans:ClusteringMode</c>).</summary>
internal enum ClusteringMode
{
    /// <summary>One silo on this machine, grain state in memory: the sandbox and the tests. The default.</summary>
    Localhost,

    /// <summary>
    /// Silos on several hosts sharing one Redis: membership, grain state (System.Text.Json) and reminders survive a
    /// silo's death. Production.
    /// </summary>
    Redis,
}
