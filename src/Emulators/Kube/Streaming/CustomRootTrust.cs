using System.Security.Cryptography.X509Certificates;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>Whether a peer certificate chains to given roots only (a caBundle, the cluster CA), ignoring the machine's store.</summary>
internal static class CustomRootTrust
{
    public static bool Chains(X509Certificate certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
