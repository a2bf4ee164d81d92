using System.Text;
using System.Text.Json;
using k8s.Models;
using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// imagePullSecrets as ECI <c>ImageRegistryCredential</c>s: each registry of a <c>kubernetes.io/dockerconfigjson</c>
/// (<c>.dockerconfigjson</c> → <c>auths</c>) or legacy <c>kubernetes.io/dockercfg</c> secret, with the user name and
/// password from <c>username</c>/<c>password</c> or the Base64 <c>auth</c> ("user:password"). The server is the
/// registry host without scheme or path, as ECI wants. A missing secret is a note, not a failure: the kubelet pulls
/// without it and only warns (FailedToRetrieveImagePullSecret).
/// </summary>
internal static class ImagePullCredentials
{
    public static List<ImageRegistryCredential>? Map(MappingScope scope)
    {
        var credentials = new List<ImageRegistryCredential>();
        foreach (V1LocalObjectReference reference in scope.Spec.ImagePullSecrets ?? [])
        {
            if (string.IsNullOrEmpty(reference.Name))
            {
                continue;
            }

            if (!scope.Inputs.Secrets.TryGetValue(reference.Name, out V1Secret? secret))
            {
                scope.Note($"imagePullSecret {reference.Name} not found; images are pulled without it.");
                continue;
            }

            IReadOnlyList<ImageRegistryCredential>? parsed = Parse(secret);
            if (parsed is null)
            {
                scope.Note($"imagePullSecret {reference.Name} is not a readable kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg secret; images are pulled without it.");
                continue;
            }

            credentials.AddRange(parsed.Where(c => credentials.All(e => e.Server != c.Server)));
        }

        return credentials.Count > 0 ? credentials : null;
    }

    /// <summary>The credentials of one docker config secret; null when it is not one or cannot be read.</summary>
    public static IReadOnlyList<ImageRegistryCredential>? Parse(V1Secret secret)
    {
        IDictionary<string, byte[]> data = secret.Data ?? new Dictionary<string, byte[]>();
        try
        {
            if (data.TryGetValue(".dockerconfigjson", out byte[]? json))
            {
                using JsonDocument doc = JsonDocument.Parse(json);
                return doc.RootElement.TryGetProperty("auths", out JsonElement auths) && auths.ValueKind == JsonValueKind.Object ? Entries(auths) : null;
            }

            if (data.TryGetValue(".dockercfg", out byte[]? cfg))
            {
                using JsonDocument doc = JsonDocument.Parse(cfg);
                return doc.RootElement.ValueKind == JsonValueKind.Object ? Entries(doc.RootElement) : null;
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static List<ImageRegistryCredential>? Entries(JsonElement auths)
    {
        var credentials = new List<ImageRegistryCredential>();
        foreach (JsonProperty registry in auths.EnumerateObject())
        {
            if (registry.Value.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? user = Text(registry.Value, "username");
            string? password = Text(registry.Value, "password");
            if ((user is null || password is null) && Text(registry.Value, "auth") is { } auth)
            {
                string? decoded = DecodeAuth(auth);
                int colon = decoded?.IndexOf(':', StringComparison.Ordinal) ?? -1;
                if (decoded is null || colon < 0)
                {
                    return null;
                }

                (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
            }

            if (user is null || password is null)
            {
                return null;
            }

            credentials.Add(new ImageRegistryCredential { Server = Host(registry.Name), UserName = user, Password = password });
        }

        return credentials;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? DecodeAuth(string auth)
    {
        byte[] buffer = new byte[auth.Length];
        return Convert.TryFromBase64String(auth, buffer, out int written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }

    /// <summary><c>https://index.docker.io/v1/</c> → <c>index.docker.io</c>.</summary>
    private static string Host(string registry)
    {
        string host = registry;
        int scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        int slash = host.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? host[..slash] : host;
    }
}
