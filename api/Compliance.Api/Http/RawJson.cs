namespace Compliance.Api.Http;

/// <summary>
/// A JSON body written exactly as stored: a decision is returned byte for byte as it was recorded, never re-serialised.
/// </summary>
public sealed class RawJson(ReadOnlyMemory<byte> utf8, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
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
        await httpContext.Response.Body.WriteAsync(utf8, httpContext.RequestAborted);
    }
}
