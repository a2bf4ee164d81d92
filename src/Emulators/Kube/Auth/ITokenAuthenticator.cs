namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>
/// Recognises a bearer token. Every registered authenticator is asked in turn; the first user returned wins.
/// Register more (e.g. service-account tokens from TokenRequest) with <c>services.AddSingleton&lt;ITokenAuthenticator, X&gt;()</c>.
/// </summary>
public interface ITokenAuthenticator
{
    ValueTask<AuthenticatedUser?> AuthenticateAsync(string token, CancellationToken cancellationToken);
}
