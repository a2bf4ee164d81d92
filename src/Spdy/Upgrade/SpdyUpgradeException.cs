namespace OrleansEci.Spdy.Upgrade;

/// <summary>The server did not switch to SPDY/3.1. <see cref="Exception.Message"/> carries the server's
/// metav1.Status message when it sent one (as client-go reports it), else the body.</summary>
public sealed class SpdyUpgradeException : IOException
{
    /// <summary>Creates the exception for an HTTP answer other than a valid 101.</summary>
    public SpdyUpgradeException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates the exception.</summary>
    public SpdyUpgradeException()
        : base("unable to upgrade connection")
    {
    }

    /// <summary>Creates the exception.</summary>
    public SpdyUpgradeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SpdyUpgradeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the server answered with (101 if its 101 lacked the upgrade headers).</summary>
    public int StatusCode { get; }
}
