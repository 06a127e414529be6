using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Compliance.Rules.Json;

namespace Compliance.Cli.Input;

/// <summary>
/// Reads the files the tool is given: under a size limit checked before reading, as strict UTF-8 (a bad byte is an
/// error at its line and column, not a silent U+FFFD), and, for JSON and YAML, through the engine's strict readers.
/// Every failure names the file.
/// </summary>
internal static class InputFile
{
    private const int Chunk = 64 * 1024;

    /// <summary>A JSON or YAML file (YAML by extension unless said) as a node tree that can be walked without surprises.</summary>
    public static JsonNode ReadDocument(string path, ReadLimit limit, bool? yaml = null) =>
        Parse(path, limit, yaml ?? JsonDocuments.IsYamlPath(path));

    public static string ReadText(string path, ReadLimit limit) => InputFileException.About(path, () => Decode(ReadBytes(path, limit)));

    private static JsonNode Parse(string path, ReadLimit limit, bool yaml) => InputFileException.About(path, () =>
    {
        var bytes = ReadBytes(path, limit);
        var text = Decode(bytes);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException("The file is empty", "", yaml ? "expected a YAML mapping" : "expected a JSON object", InputProblem.Malformed);
        }
        // The engine's readers refuse what their parsers let through (a key twice, a number past a double, a lone
        // surrogate), each at its pointer, as the service does.
        return yaml ? JsonDocuments.Parse(text, yaml: true) : JsonDocuments.ParseJson(WithoutBom(bytes));
    });

    private static byte[] ReadBytes(string path, ReadLimit limit)
    {
        if (Directory.Exists(path))
        {
            throw Unreadable("it is a directory, not a file");
        }
        if (!File.Exists(path))
        {
            throw Unreadable("no such file");
        }
        var available = limit.Available;
        // A regular file states its size: one too large is refused before a byte is read.
        if (new FileInfo(path).Length > available)
        {
            throw TooLarge(limit);
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            // Devices and pipes (/dev/zero, a FIFO) state no size: read one byte past the limit at most.
            int read;
            while ((read = stream.Read(chunk, 0, (int)Math.Min(Chunk, available + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > available)
                {
                    throw TooLarge(limit);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        limit.Spend(buffer.Length);
        return buffer.ToArray();
    }

    private static string Decode(byte[] bytes)
    {
        var utf8 = WithoutBom(bytes);
        // UTF-16 never needs more chars than UTF-8 has bytes.
        var chars = new char[utf8.Length];
        var status = Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var (line, column) = Position(utf8, read);
            throw new InvalidInputException("The file is not UTF-8", "", $"line {line}, column {column}: invalid UTF-8 (byte 0x{utf8[read]:X2})", InputProblem.Malformed);
        }
        return new string(chars, 0, written);
    }

    /// <summary>Line and column (both from 1, the column in bytes as the JSON parser counts it) of a byte offset.</summary>
    public static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int offset)
    {
        var before = utf8[..offset];
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, offset - lastNewline);
    }

    private static ReadOnlySpan<byte> WithoutBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(Encoding.UTF8.Preamble.Length) : bytes;

    private static InvalidInputException Unreadable(string why) => new("Cannot read the file", "", why, InputProblem.Malformed);

    private static InvalidInputException TooLarge(ReadLimit limit) =>
        new("The file is too large", "", limit.Describe(), InputProblem.TooLarge);
}
