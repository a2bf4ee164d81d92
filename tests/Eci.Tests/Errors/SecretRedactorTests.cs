using OrleansEci.Eci.Errors;

namespace OrleansEci.Eci.Tests.Errors;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_SecretRawOnceAndTwiceEncoded_MasksEveryForm()
    {
        var redactor = new SecretRedactor("s3cr+t/=", "token+/x=");
        string text = "raw s3cr+t/= once s3cr%2Bt%2F%3D twice token%252B%252Fx%253D done";

        string? actual = redactor.Redact(text);

        Assert.Equal("raw *** once *** twice *** done", actual);
    }
}
