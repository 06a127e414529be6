using System.Text;

namespace Compliance.Rules.Json;

/// <summary>RFC 6901 pointers built from path segments, and from the dotted paths other libraries report.</summary>
public static class JsonPointer
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Converts a JSONPath-like location ("$.training.computeFlop", "#/deployments[0].channel", "lineage.base[2]")
    /// into a pointer ("/training/computeFlop"). Property names containing dots cannot be told apart; ours have none.
    /// </summary>
    public static string FromPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "";
        }
        var p = path.TrimStart('$', '#', '/');
        var pointer = new StringBuilder();
        var segment = new StringBuilder();
        void Flush()
        {
            if (segment.Length > 0)
            {
                pointer.Append('/').Append(segment.ToString().Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                segment.Clear();
            }
        }
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '.')
            {
                Flush();
            }
            else if (c == '[')
            {
                Flush();
                var end = p.IndexOf(']', i);
                if (end < 0)
                {
                    segment.Append(p.AsSpan(i + 1));
                    break;
                }
                segment.Append(p[(i + 1)..end].Trim('\'', '"'));
                Flush();
                i = end;
            }
            else
            {
                segment.Append(c);
            }
        }
        Flush();
        return pointer.ToString();
    }
}
