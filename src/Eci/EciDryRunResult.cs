namespace OrleansEci.Eci;

/// <summary>
/// The outcome of a DryRun create that passed every check: ECI answers it with the error code
/// <c>DryRunOperation</c> (eci-openapi.md §3.1), which the client turns into this value. A dry run
/// that fails a check throws <see cref="Errors.EciException"/> like any call.
/// </summary>
public sealed record EciDryRunResult(string Code, string? Message, string? RequestId);
