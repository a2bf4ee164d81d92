using System.Security.Cryptography;

using OrleansEci.Spdy.Compression;

namespace OrleansEci.Spdy.Tests.Compression;

public sealed class SpdyDictionaryTests
{
    [Fact]
    public void V3_Bytes_MatchSpecLengthAdlerAndSha256()
    {
        var dictionary = SpdyDictionary.V3;

        Assert.Equal(1423, dictionary.Length);
        Assert.Equal(0xE3C6A7C2u, SpdyDictionary.ComputeAdler32(dictionary));
        Assert.Equal(SpdyDictionary.Sha256Hex, Convert.ToHexStringLower(SHA256.HashData(dictionary)));
        Assert.Equal("\0\0\0\aoptions"u8.ToArray(), dictionary[..11]);
        Assert.Equal("-1,utf-,*,enq=0."u8.ToArray(), dictionary[^16..]);
    }

    [Fact]
    public void ComputeAdler32_KnownVector_MatchesRfc1950()
    {
        // adler32("Wikipedia") = 0x11E60398, the classic worked example.
        Assert.Equal(0x11E60398u, SpdyDictionary.ComputeAdler32("Wikipedia"u8));
    }
}
