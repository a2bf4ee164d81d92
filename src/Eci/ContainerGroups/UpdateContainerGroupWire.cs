using System.Text.RegularExpressions;

using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// Where UpdateContainerGroup's wire form differs from CreateContainerGroup's: the post-start
/// hook's header list is <c>LifecyclePostStartHandlerHttpGetHttpHeaders.N</c> (plural, alibabacloud-go
/// eci-20180808 <c>UpdateContainerGroupRequestContainer</c>), and some container fields do not exist.
/// </summary>
internal static partial class UpdateContainerGroupWire
{
    public static List<KeyValuePair<string, string>> Flatten(UpdateContainerGroupRequest request)
    {
        foreach (var (container, index) in (request.Containers ?? []).Select(static (c, i) => (c, i + 1)))
        {
            string? unsupported =
                container.EnvironmentVarHide is not null ? nameof(container.EnvironmentVarHide)
                : container.SecurityContextPrivileged is not null ? nameof(container.SecurityContextPrivileged)
                : container.SecurityContextRunAsGroup is not null ? nameof(container.SecurityContextRunAsGroup)
                : container.SecurityContextRunAsNonRoot is not null ? nameof(container.SecurityContextRunAsNonRoot)
                : container.TerminationMessagePath is not null ? nameof(container.TerminationMessagePath)
                : container.TerminationMessagePolicy is not null ? nameof(container.TerminationMessagePolicy)
                : null;
            if (unsupported is not null)
            {
                throw new ArgumentException(
                    $"UpdateContainerGroup does not accept Container.{index}.{unsupported}; ECI only takes it at creation. Leave it null in the update.",
                    nameof(request));
            }
        }

        return EciParameterFlattener.Flatten(request)
            .Select(static p => new KeyValuePair<string, string>(PostStartHeaders().Replace(p.Key, "$1HttpHeaders."), p.Value))
            .ToList();
    }

    [GeneratedRegex(@"^(Container\.\d+\.LifecyclePostStartHandlerHttpGet)HttpHeader\.")]
    private static partial Regex PostStartHeaders();
}
