using System.Net;
using System.Security.Cryptography;
using System.Text;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.KubeletApi.Admission;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Webhook;

/// <summary>
/// Keeps the <c>vk-webhook</c> MutatingWebhookConfiguration in step with the eci-profile in force: on start, whenever
/// this silo's profile changes (hot reload), and every <see cref="WebhookOptions.ResyncInterval"/> (someone edited or
/// deleted it). Every silo runs it; they write the same object (a fingerprint annotation makes an unchanged one a read
/// only), and a 409 from a concurrent writer is retried on the next round.
/// </summary>
public sealed partial class WebhookRegistrar(
    IKubernetes kube,
    IEciProfileSource profiles,
    WebhookCertificates certificates,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookRegistrar> log) : BackgroundService
{
    /// <summary>Annotation holding a hash of what this runtime wrote, so an unchanged configuration is not rewritten.</summary>
    public const string FingerprintAnnotation = "orleans-eci.io/fingerprint";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private long _writes;

    /// <summary>Creates and updates written so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>The profile the configuration last matched, or null before the first success.</summary>
    public EciProfile? Registered { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WebhookOptions o = options.Value;
        DateTimeOffset nextResync = DateTimeOffset.MinValue;
        DateTimeOffset retryAt = DateTimeOffset.MinValue;
        TimeSpan backoff = o.ProfileCheckInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            EciProfile profile = profiles.Current;
            DateTimeOffset now = time.GetUtcNow();
            if ((!ReferenceEquals(profile, Registered) || now >= nextResync) && now >= retryAt)
            {
                try
                {
                    await EnsureAsync(profile, stoppingToken).ConfigureAwait(false);
                    Registered = profile;
                    nextResync = time.GetUtcNow() + o.ResyncInterval;
                    backoff = o.ProfileCheckInterval;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(log, o.Configuration.Name, backoff, e);
                    retryAt = time.GetUtcNow() + backoff;
                    backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
                }
            }

            await Task.Delay(o.ProfileCheckInterval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates or updates vk-webhook to match <paramref name="profile"/>; true when it wrote.</summary>
    public async Task<bool> EnsureAsync(EciProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        WebhookConfigurationOptions config = options.Value.Configuration;
        config.CaBundle = Encoding.UTF8.GetBytes(certificates.CaBundlePem);
        V1MutatingWebhookConfiguration desired = WebhookConfigurationBuilder.Build(profile, config);
        string fingerprint = Fingerprint(desired);
        desired.Metadata.Annotations = new Dictionary<string, string> { [FingerprintAnnotation] = fingerprint };

        V1MutatingWebhookConfiguration? existing;
        try
        {
            existing = await kube.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(config.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            existing = null;
        }

        if (existing is null)
        {
            await kube.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(desired, cancellationToken: cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _writes);
            LogCreated(log, config.Name, desired.Webhooks.Count);
            return true;
        }

        if (InStep(existing, desired, fingerprint))
        {
            return false;
        }

        desired.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        desired.Metadata.Labels = Merge(existing.Metadata.Labels, desired.Metadata.Labels);
        desired.Metadata.Annotations = Merge(existing.Metadata.Annotations, desired.Metadata.Annotations);
        await kube.AdmissionregistrationV1.ReplaceMutatingWebhookConfigurationAsync(desired, config.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _writes);
        LogUpdated(log, config.Name, desired.Webhooks.Count);
        return true;
    }

    /// <summary>Our fingerprint, the same webhooks by name, and each one's caBundle and selectors as we wrote them.</summary>
    private static bool InStep(V1MutatingWebhookConfiguration existing, V1MutatingWebhookConfiguration desired, string fingerprint)
    {
        string? written = existing.Metadata.Annotations is { } annotations && annotations.TryGetValue(FingerprintAnnotation, out string? value) ? value : null;
        if (written != fingerprint || existing.Webhooks is null || existing.Webhooks.Count != desired.Webhooks.Count)
        {
            return false;
        }

        for (int i = 0; i < desired.Webhooks.Count; i++)
        {
            V1MutatingWebhook want = desired.Webhooks[i];
            V1MutatingWebhook have = existing.Webhooks[i];
            if (have.Name != want.Name || !(have.ClientConfig?.CaBundle ?? []).AsSpan().SequenceEqual(want.ClientConfig.CaBundle)
                || Json(have.ObjectSelector) != Json(want.ObjectSelector) || Json(have.NamespaceSelector) != Json(want.NamespaceSelector)
                || Json(have.ClientConfig?.Service) != Json(want.ClientConfig.Service) || have.FailurePolicy != want.FailurePolicy)
            {
                return false;
            }
        }

        return true;
    }

    private static string Json(object? value) => value is null ? "null" : KubernetesJson.Serialize(value);

    private static string Fingerprint(V1MutatingWebhookConfiguration desired) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(desired.Webhooks))))[..32];

    private static Dictionary<string, string> Merge(IDictionary<string, string>? existing, IDictionary<string, string>? desired)
    {
        Dictionary<string, string> merged = existing is null ? new(StringComparer.Ordinal) : new(existing, StringComparer.Ordinal);
        foreach (var (key, value) in desired ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return merged;
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Created MutatingWebhookConfiguration {Name} with {Webhooks} webhooks")]
    private static partial void LogCreated(ILogger logger, string name, int webhooks);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Updated MutatingWebhookConfiguration {Name} to the eci-profile in force ({Webhooks} webhooks)")]
    private static partial void LogUpdated(ILogger logger, string name, int webhooks);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Keeping MutatingWebhookConfiguration {Name} in step failed; retrying in {Backoff}")]
    private static partial void LogFailed(ILogger logger, string name, TimeSpan backoff, Exception exception);
}
