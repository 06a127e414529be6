namespace Compliance.Api.Http;

/// <summary>
/// A JSON body written exactly as stored: a decision is returned byte for byte as it was recorded, never re-serialised.
/// When the bytes live in pooled memory, <paramref name="owner"/> gives it back once they are sent.
/// </summary>
public sealed class RawJson(ReadOnlyMemory<byte> utf8, int statusCode = StatusCodes.Status200OK, string? location = null, IDisposable? owner = null) : IResult
{
    public RawJson(string json, int statusCode = StatusCodes.Status200OK, string? location = null)
        : this(System.Text.Encoding.UTF8.GetBytes(json), statusCode, location)
    {
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = utf8.Length;
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }
        try
        {
            await httpContext.Response.Body.WriteAsync(utf8, httpContext.RequestAborted);
        }
        finally
        {
            owner?.Dispose();
        }
    }
}
