using System.Text;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// <c>ImageRegistryCredential.N.{Server, UserName, Password}</c>. <see cref="Password"/> is a secret:
/// <see cref="ToString"/> masks it.
/// </summary>
public sealed record ImageRegistryCredential
{
    /// <summary>The registry host, without a scheme (e.g. <c>registry.cn-hangzhou.aliyuncs.com</c>).</summary>
    public required string Server { get; init; }

    /// <summary>The user name.</summary>
    public required string UserName { get; init; }

    /// <summary>The password.</summary>
    public required string Password { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Server = ").Append(Server).Append(", UserName = ").Append(UserName).Append(", Password = ***");
        return true;
    }
}
