using System.Text;

namespace Compliance.Api.Analysis;

/// <summary>
/// A CSV answer written to the response line by line as the engine makes the lines: a sweep of a hundred thousand
/// artifacts over twenty values is two million rows, never held as one string. Offered as a download by name.
/// </summary>
internal static class CsvResult
{
    public static IResult Of(IEnumerable<string> lines, string fileName) => Results.Stream(async body =>
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        foreach (var line in lines)
        {
            await writer.WriteAsync(line);
            await writer.WriteAsync('\n');
        }
    }, "text/csv; charset=utf-8", fileDownloadName: fileName);
}
