using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>
/// The type-specific rules of a resource, like kube-apiserver's registry strategies (pkg/registry/*/strategy.go):
/// defaulting, create/update preparation, validation, and graceful deletion. Every method has a neutral default.
/// </summary>
public class ResourceStrategy
{
    public static readonly ResourceStrategy Default = new();

    /// <summary>The rule <c>metadata.name</c> must follow.</summary>
    public virtual NameRule NameRule => NameRule.Dns1123Subdomain;

    /// <summary>Fills defaults (as the versioned defaulting functions do on every decode), on create and update.</summary>
    public virtual void ApplyDefaults(StrategyContext context, JsonObject obj)
    {
    }

    /// <summary>Before create: reset status, run built-in admission (e.g. service account, tolerations), allocate.</summary>
    public virtual void PrepareForCreate(StrategyContext context, JsonObject obj)
    {
    }

    /// <summary>Before update; <paramref name="old"/> is the stored object.</summary>
    public virtual void PrepareForUpdate(StrategyContext context, JsonObject obj, JsonObject old)
    {
    }

    /// <summary>Type-specific validation on create (and, unless overridden, update): add causes for every problem.</summary>
    public virtual void Validate(StrategyContext context, JsonObject obj, List<StatusCause> causes)
    {
    }

    /// <summary>Extra validation on update (immutable fields). Defaults to nothing beyond <see cref="Validate"/>.</summary>
    public virtual void ValidateUpdate(StrategyContext context, JsonObject obj, JsonObject old, List<StatusCause> causes)
    {
    }

    /// <summary>
    /// Graceful deletion: the grace period in seconds to wait (&gt; 0 keeps the object with a deletionTimestamp),
    /// 0 for immediate deletion, or null when the type does not support graceful deletion.
    /// </summary>
    public virtual long? GracePeriodSeconds(StrategyContext context, JsonObject obj, long? requested) => null;

    /// <summary>Undoes what <see cref="PrepareForCreate"/> allocated when the create was not committed (dry run, conflict).</summary>
    public virtual void ReleaseUncommitted(StrategyContext context, JsonObject obj)
    {
    }

    /// <summary>After the object left the store.</summary>
    public virtual void AfterDelete(StrategyContext context, JsonObject obj)
    {
    }
}
