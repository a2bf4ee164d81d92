namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// Calling a webhook failed (transport, timeout, invalid answer): what k8s.io/apiserver/pkg/util/webhook's
/// ErrCallingWebhook carries. The webhook's failurePolicy decides whether the request fails or goes on.
/// </summary>
public sealed class WebhookCallException : Exception
{
    public WebhookCallException()
    {
    }

    public WebhookCallException(string message)
        : base(message)
    {
    }

    public WebhookCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
