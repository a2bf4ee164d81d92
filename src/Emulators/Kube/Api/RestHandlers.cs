using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;

namespace OrleansEci.Emulators.Kube.Api;

/// <summary>The generic verbs on stored resources: get, list, create, update, patch, delete, deletecollection.</summary>
public static class RestHandlers
{
    public static Task HandleAsync(ApiContext context) => context.Request.Verb switch
    {
        "get" => GetAsync(context),
        "list" => ListAsync(context),
        "watch" => WatchHandler.HandleAsync(context),
        "create" when context.Request.Name is null => CreateAsync(context),
        "update" when context.Request.Name is not null => UpdateAsync(context, null),
        "patch" when context.Request.Name is not null => PatchAsync(context, null),
        "delete" => DeleteAsync(context),
        "deletecollection" when context.Type.Verbs.Contains("deletecollection") => DeleteCollectionAsync(context),
        _ => throw ApiErrors.MethodNotAllowed(),
    };

    public static Task GetAsync(ApiContext context) =>
        context.WriteObjectAsync(200, context.Service.Get(context.Type, context.Request.Namespace, context.Request.Name!));

    public static Task ListAsync(ApiContext context) =>
        context.WriteListAsync(context.Service.List(context.Type, context.Request.Namespace, context.ListOptions()));

    public static async Task CreateAsync(ApiContext context)
    {
        var body = await context.ReadObjectAsync().ConfigureAwait(false);
        var result = await context.Service.CreateAsync(context.Type, context.Request.Namespace, body, context.WriteOptions(), context.Aborted).ConfigureAwait(false);
        context.AddWarnings(result.Warnings);
        await context.WriteObjectAsync(201, result.Object).ConfigureAwait(false);
    }

    /// <summary>PUT on the object, or on a subresource such as status (<paramref name="subresource"/>).</summary>
    public static async Task UpdateAsync(ApiContext context, string? subresource)
    {
        var body = await context.ReadObjectAsync().ConfigureAwait(false);
        var result = await context.Service.UpdateAsync(context.Type, context.Request.Namespace, context.Request.Name!, body,
            context.WriteOptions(), subresource, context.Aborted).ConfigureAwait(false);
        context.AddWarnings(result.Warnings);
        await context.WriteObjectAsync(result.Created ? 201 : 200, result.Object).ConfigureAwait(false);
    }

    public static async Task PatchAsync(ApiContext context, string? subresource)
    {
        var (kind, patch) = await RequestBody.ReadPatchAsync(context.Http, context.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        var result = await context.Service.PatchAsync(context.Type, context.Request.Namespace, context.Request.Name!, kind, patch,
            context.WriteOptions(), subresource, context.Aborted).ConfigureAwait(false);
        context.AddWarnings(result.Warnings);
        await context.WriteObjectAsync(200, result.Object).ConfigureAwait(false);
    }

    public static async Task DeleteAsync(ApiContext context)
    {
        var options = await DeleteOptionsReader.ReadAsync(context).ConfigureAwait(false);
        var result = await context.Service.DeleteAsync(context.Type, context.Request.Namespace, context.Request.Name!, options, context.Aborted).ConfigureAwait(false);
        if (result.Deleted && !context.Type.ReturnDeletedObject)
        {
            await context.WriteJsonAsync(200, JsonResponses.SuccessStatus(context.Type, result.Object.Name, result.Object.Uid)).ConfigureAwait(false);
            return;
        }

        await context.WriteObjectAsync(200, result.Object).ConfigureAwait(false);
    }

    public static async Task DeleteCollectionAsync(ApiContext context)
    {
        var options = await DeleteOptionsReader.ReadAsync(context).ConfigureAwait(false);
        var deleted = await context.Service.DeleteCollectionAsync(context.Type, context.Request.Namespace, context.ListOptions(), options, context.Aborted).ConfigureAwait(false);
        await context.WriteListAsync(new ListResult(deleted, context.Service.Store.CurrentResourceVersion, null, null)).ConfigureAwait(false);
    }
}
