using System.Buffers;

namespace Compliance.Rules.Json;

/// <summary>
/// One piece of a body kept in pieces, chained into a <see cref="ReadOnlySequence{T}"/>: a large body is read and
/// checked without ever being copied into one array.
/// </summary>
public sealed class ByteSegment : ReadOnlySequenceSegment<byte>
{
    public ByteSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>The next piece, placed after this one.</summary>
    public ByteSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new ByteSegment(memory, RunningIndex + Memory.Length);
        Next = next;
        return next;
    }
}
