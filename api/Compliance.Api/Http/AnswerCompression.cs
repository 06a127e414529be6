using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Compliance.Api.Http;

/// <summary>
/// Answers are compressed (Brotli, else gzip) for a client that asks with <c>Accept-Encoding</c>. An answer about a
/// frontier model under every bill in force lists some 40 duties, each with the words, citation and address a lawyer
/// needs, about 1 KB apiece; those words repeat from duty to duty, so they compress about sixfold. Not over HTTPS
/// served by Kestrel itself (the framework's default): a compressed answer that reflected a caller's input beside a
/// secret would leak the secret through its length (BREACH), and a key is shown once, in an answer.
/// </summary>
internal static class AnswerCompression
{
    /// <summary>The text answers beside the framework's defaults: problems, memos, CSV and plots.</summary>
    private static readonly string[] TextTypes = ["application/problem+json", "text/markdown", "text/csv", "image/svg+xml"];

    public static IServiceCollection AddAnswerCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, .. TextTypes];
        });
        // The fastest levels: most of the gain at a small part of the CPU; an answer is sent once.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
