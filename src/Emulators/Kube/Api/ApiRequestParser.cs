namespace OrleansEci.Emulators.Kube.Api;

/// <summary>Parses <c>/api/v1/...</c> and <c>/apis/{group}/{version}/...</c> paths into <see cref="ApiRequestInfo"/>.</summary>
public static class ApiRequestParser
{
    private static readonly HashSet<string> NamespaceSubresources = new(StringComparer.Ordinal) { "status", "finalize" };

    public static ApiRequestInfo Parse(string method, string path, bool watchQuery)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.None);
        var info = new ApiRequestInfo { Verb = method.ToLowerInvariant() };
        if (parts.Length < 2 || parts[0] is not ("api" or "apis") || parts.Any(p => p.Length == 0))
        {
            return info;
        }

        int next;
        if (parts[0] == "api")
        {
            info = info with { Prefix = "api", Version = parts[1] };
            next = 2;
        }
        else
        {
            if (parts.Length < 3)
            {
                return info with { Prefix = "apis", Group = parts[1] };
            }

            info = info with { Prefix = "apis", Group = parts[1], Version = parts[2] };
            next = 3;
        }

        var rest = parts[next..];
        if (rest.Length == 0)
        {
            return info;
        }

        var legacyWatch = false;
        if (rest[0] == "watch")
        {
            legacyWatch = true;
            rest = rest[1..];
        }

        string? ns = null;
        if (rest.Length >= 2 && rest[0] == "namespaces" && !(rest.Length > 2 && NamespaceSubresources.Contains(rest[2])))
        {
            ns = rest[1];
            if (rest.Length > 2)
            {
                rest = rest[2..];
            }
            else
            {
                ns = null;
            }
        }

        if (rest.Length == 0)
        {
            return info;
        }

        info = info with
        {
            IsResourceRequest = true,
            Namespace = ns,
            Resource = rest[0],
            Name = rest.Length > 1 ? rest[1] : null,
            Subresource = rest.Length > 2 ? rest[2] : null,
            Rest = rest.Length > 3 ? rest[3..] : [],
        };
        if (info.Resource == "namespaces" && info.Name is not null)
        {
            info = info with { Namespace = info.Name };
        }

        return info with { Verb = VerbOf(method, info, legacyWatch || watchQuery) };
    }

    private static string VerbOf(string method, ApiRequestInfo info, bool watch) => method.ToUpperInvariant() switch
    {
        "GET" or "HEAD" when info.Name is null || (watch && info.Subresource is null) => watch ? "watch" : "list",
        "GET" or "HEAD" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => info.Name is null ? "deletecollection" : "delete",
        var other => other.ToLowerInvariant(),
    };
}
