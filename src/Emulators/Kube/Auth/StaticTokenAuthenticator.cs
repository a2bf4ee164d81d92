using System.Security.Cryptography;
using System.Text;

namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>The admin token written to the kubeconfig (like kube-apiserver's <c>--token-auth-file</c>): user kubernetes-admin in system:masters.</summary>
public sealed class StaticTokenAuthenticator : ITokenAuthenticator
{
    private static readonly AuthenticatedUser Admin = new("kubernetes-admin", "kubernetes-admin", ["system:masters", "system:authenticated"]);
    private readonly byte[] _token;

    public StaticTokenAuthenticator(string token)
    {
        _token = Encoding.UTF8.GetBytes(token);
    }

    public ValueTask<AuthenticatedUser?> AuthenticateAsync(string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _token) ? Admin : null);
}
