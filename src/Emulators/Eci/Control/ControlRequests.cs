namespace OrleansEci.Emulators.Eci.Control;

/// <summary><c>PUT /_emulator/stock</c>: set the stock of one spec (instance type or <c>2-4Gi</c>) in one zone, or of every
/// spec there with <c>*</c>.</summary>
internal sealed record StockRequest(string ZoneId, string Spec, int Stock);

/// <summary><c>PUT /_emulator/spot-price</c>: the spot market price of one spec, per hour.</summary>
internal sealed record SpotPriceRequest(string Spec, decimal Price);

/// <summary><c>PUT /_emulator/zones/{zoneId}</c>: open or close a zone.</summary>
internal sealed record ZoneRequest(bool Available);

/// <summary><c>POST /_emulator/groups/{id}/containers/{name}/crash</c>: the exit code (default 137).</summary>
internal sealed record CrashRequest(int? ExitCode);

/// <summary><c>PUT /_emulator/rate-limits</c>: turn flow control off/on, or set one action's rule
/// (<c>burst</c>+<c>refillPerSecond</c> for a token bucket, or <c>perMinute</c>).</summary>
internal sealed record RateLimitRequest(bool? Unlimited, string? Action, int? Burst, double? RefillPerSecond, int? PerMinute);
