using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Admission;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Objects;

public sealed partial class ResourceService
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int GenerateNameAttempts = 8;

    /// <summary>Creates an object (POST), as kube-apiserver's generic registry store does.</summary>
    public async Task<WriteResult> CreateAsync(ResourceType type, string? ns, JsonObject body, WriteOptions options, CancellationToken cancellationToken)
    {
        var warnings = PruneUnknownFields(type, body, options);
        NormalizeTypeMeta(type, body);
        var meta = Meta.Of(body);
        ns = ApplyNamespace(type, ns, meta);
        if (ns is not null)
        {
            EnsureNamespaceAcceptsContent(type, ns, Meta.Name(body) ?? KubeJson.GetString(meta, "generateName") ?? "");
        }

        // The etcd3 store refuses a numeric version (a 500, as errors.New becomes); anything else is just cleared
        // (k8s.io/apiserver/pkg/storage/etcd3/store.go Create, APIObjectVersioner.ObjectResourceVersion).
        if (ulong.TryParse(Meta.ResourceVersion(body), out var version) && version != 0)
        {
            throw ApiErrors.Internal("resourceVersion should not be set on objects to be created");
        }

        meta.Remove("resourceVersion");

        var generateName = KubeJson.GetString(meta, "generateName");
        var named = !string.IsNullOrEmpty(Meta.Name(body));
        for (var attempt = 1; ; attempt++)
        {
            var obj = (JsonObject)body.DeepClone();
            if (!named && !string.IsNullOrEmpty(generateName))
            {
                Meta.Of(obj)["name"] = generateName + RandomSuffix();
            }

            var result = await TryCreateAsync(type, ns, obj, options, warnings, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }

            if (named || attempt == GenerateNameAttempts)
            {
                throw ApiErrors.AlreadyExists(type.GroupResource, Meta.Name(obj) ?? "");
            }
        }
    }

    private async Task<WriteResult?> TryCreateAsync(ResourceType type, string? ns, JsonObject obj, WriteOptions options, List<string> warnings,
        CancellationToken cancellationToken)
    {
        var meta = Meta.Of(obj);
        meta["uid"] = NewUid();
        meta["creationTimestamp"] = Context.Timestamp();
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        if (type.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }

        type.Strategy.ApplyDefaults(Context, obj);
        type.Strategy.PrepareForCreate(Context, obj);
        var committed = false;
        try
        {
            obj = await AdmitAsync(type, null, AdmissionOperation.Create, ns, obj, null, options.DryRun, warnings, cancellationToken).ConfigureAwait(false);
            Validate(type, obj, null);
            if (options.DryRun)
            {
                return new WriteResult(Preview(type, obj), warnings, Created: true);
            }

            var stored = TryStore(type, obj);
            committed = stored is not null;
            if (stored is not null)
            {
                await AfterCreateAsync(type, obj, cancellationToken).ConfigureAwait(false);
            }

            return stored is null ? null : new WriteResult(stored, warnings, Created: true);
        }
        finally
        {
            if (!committed)
            {
                type.Strategy.ReleaseUncommitted(Context, obj);
            }
        }
    }

    private StoredObject? TryStore(ResourceType type, JsonObject obj)
    {
        try
        {
            return _store.Create(type, obj);
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            return null;
        }
    }

    /// <summary>Sets <c>kind</c> and <c>apiVersion</c> to the type's; a body naming another kind is 400.</summary>
    private static void NormalizeTypeMeta(ResourceType type, JsonObject body)
    {
        var kind = KubeJson.GetString(body, "kind");
        var apiVersion = KubeJson.GetString(body, "apiVersion");
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw ApiErrors.BadRequest($"{kind} in version \"{apiVersion}\" cannot be handled as a {type.Kind}: no kind \"{kind}\" is registered for version \"{type.ApiVersion}\"");
        }

        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (body.Count >= 2 && body.ElementAt(0).Key == "kind" && body.ElementAt(1).Key == "apiVersion")
        {
            body["kind"] = type.Kind;
            body["apiVersion"] = type.ApiVersion;
            return;
        }

        // kube-apiserver writes kind and apiVersion first; keep that order so bodies look as clients expect.
        var rest = body.Where(p => p.Key is not ("apiVersion" or "kind")).Select(p => p.Key).ToList();
        var values = new List<(string Key, JsonNode? Value)>(rest.Count);
        foreach (var key in rest)
        {
            var value = body[key];
            body.Remove(key);
            values.Add((key, value));
        }

        body.Remove("kind");
        body.Remove("apiVersion");
        body["kind"] = type.Kind;
        body["apiVersion"] = type.ApiVersion;
        foreach (var (key, value) in values)
        {
            body[key] = value;
        }
    }

    private static string? ApplyNamespace(ResourceType type, string? ns, JsonObject meta)
    {
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return null;
        }

        var declared = KubeJson.GetString(meta, "namespace");
        if (!string.IsNullOrEmpty(declared) && !string.IsNullOrEmpty(ns) && declared != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        ns = string.IsNullOrEmpty(ns) ? declared : ns;
        if (string.IsNullOrEmpty(ns))
        {
            throw ApiErrors.BadRequest("the server could not find the requested resource: a namespace is required for namespaced resources");
        }

        meta["namespace"] = ns;
        return ns;
    }

    private string RandomSuffix()
    {
        Span<char> chars = stackalloc char[5];
        lock (Context.Random)
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = GenerateNameAlphabet[Context.Random.Next(GenerateNameAlphabet.Length)];
            }
        }

        return new string(chars);
    }

    private string NewUid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (Context.Random)
        {
            Context.Random.NextBytes(bytes);
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    /// <summary>A StoredObject that was not committed (dry run): the bytes as they would be, at the current version.</summary>
    private static StoredObject Preview(ResourceType type, JsonObject obj)
    {
        var rv = Meta.ResourceVersion(obj);
        var version = long.TryParse(rv, out var v) ? v : 0;
        return new StoredObject(type.Namespaced ? Meta.Namespace(obj) : null, Meta.Name(obj) ?? "", Meta.Uid(obj) ?? "", version,
            KubeJson.ToBytes(obj), new Dictionary<string, string>(), new Dictionary<string, string>());
    }

    /// <summary>404 for a missing namespace; 403 while it terminates (the NamespaceLifecycle admission plugin).</summary>
    private void EnsureNamespaceAcceptsContent(ResourceType type, string ns, string name)
    {
        var (exists, terminating) = Namespaces.State(ns);
        if (!exists)
        {
            throw ApiErrors.NotFound(new GroupResource("", "namespaces"), ns);
        }

        if (terminating)
        {
            throw ApiErrors.Forbidden(type.GroupResource, name, $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }
}
