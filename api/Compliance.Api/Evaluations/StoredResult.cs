using System.IO.Compression;
using System.Text;

namespace Compliance.Api.Evaluations;

/// <summary>
/// How a decision's result is kept: deflated, because a result repeats its bill's titles, citations and penalties
/// (15 KB of JSON becomes about 3.5 KB) and every byte written is time on the one writer. Inflating gives back the
/// exact bytes that were returned.
/// </summary>
public static class StoredResult
{
    public const string Deflate = "deflate";
    public const string Identity = "identity";

    public static byte[] Encode(ReadOnlySpan<byte> json)
    {
        using var buffer = new MemoryStream(json.Length / 3);
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(json);
        }
        return buffer.ToArray();
    }

    /// <summary>The JSON as it was returned, from a row written in either encoding.</summary>
    public static byte[] Decode(object stored, string encoding) => (stored, encoding) switch
    {
        (byte[] deflated, Deflate) => Inflate(deflated),
        (string text, Identity) => Encoding.UTF8.GetBytes(text),
        (byte[] utf8, Identity) => utf8,
        _ => throw new InvalidOperationException($"a stored result in encoding '{encoding}' cannot be read"),
    };

    private static byte[] Inflate(byte[] deflated)
    {
        using var output = new MemoryStream(deflated.Length * 5);
        using (var inflate = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress))
        {
            inflate.CopyTo(output);
        }
        return output.ToArray();
    }
}
