using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Compliance.Api.Tests.Fuzz;

/// <summary>How a fuzzed request is damaged. Several may apply to one request, in the order of this list.</summary>
internal enum Mutation
{
    TypeSwap,
    RemoveField,
    FarDate,
    DeepNesting,
    HugeNumber,
    LoneSurrogate,
    DuplicateKey,
    InvalidUtf8,
    ByteFlip,
    Truncate,
}

/// <summary>Which request a manifest is wrapped in.</summary>
internal enum Envelope
{
    Evaluation,
    Gate,
    Registration,
    EvaluationById,
}

/// <summary>
/// Wraps a manifest in a request and damages it. The tree is damaged first; what no JSON writer will write (a number
/// beyond a double, half a surrogate pair, a key given twice) goes in as a marker replaced in the text; bytes last.
/// Every choice comes from one <see cref="Random"/>, so a case is reproduced from its seed.
/// </summary>
internal sealed partial class RequestMutator(Random random)
{
    // Dates at and past the calendar's ends: the schema bounds manifest dates to 1900-2999, and the engine's deadline
    // arithmetic saturates, so none of these may answer 500.
    private static readonly string[] ManifestDates = ["9999-12-20", "9999-12-31", "0001-01-01", "1899-12-31", "2999-12-31", "3000-01-01", "2026-02-30", "0000-00-00", "99999-01-01", "2026-1-1", ""];
    private static readonly string[] AsOfDates = ["9999-12-31", "0001-01-01", "9000-12-31", "1000-01-01", "10000-01-01", "2026-13-01", "today"];
    private static readonly string[] HugeNumbers = ["1e400", "-1e999", "1" + new string('0', 330), "1e308", "4.9e-324", "-0", "1" + new string('0', 40)];
    private static readonly string[] LoneSurrogates = ["\"a\\ud800\"", "\"\\udfff\"", "\"\\ud83d x\"", "\"x\\ud800\\ud800\""];
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82]];
    private static readonly JsonNode?[] Swaps = ["x", 42, -1, 1.5e30, true, null, new JsonArray(), new JsonObject(), new JsonArray(1, "a"), new JsonObject { ["a"] = 1 }];
    private static readonly string[] Activities = ["release", "deployment", "training"];

    private readonly List<(string Marker, string Text)> _markers = [];

    public (string Url, byte[] Body) Build(JsonObject manifest, string registeredId, Envelope envelope, IReadOnlyList<Mutation> mutations)
    {
        var (url, root) = Wrap((JsonObject)manifest.DeepClone(), registeredId, envelope);
        foreach (var mutation in mutations.Order())
        {
            Apply(mutation, root);
        }
        var text = root.ToJsonString();
        foreach (var (marker, replacement) in _markers)
        {
            text = text.Replace("\"" + marker + "\"", replacement, StringComparison.Ordinal);
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var mutation in mutations.Order())
        {
            bytes = Apply(mutation, bytes);
        }
        return (url, bytes);
    }

    private (string Url, JsonObject Root) Wrap(JsonObject manifest, string registeredId, Envelope envelope)
    {
        JsonNode? bills = random.Next(4) switch
        {
            0 => null,
            1 => new JsonArray("us-ca-sb1047"),
            2 => new JsonArray("all"),
            _ => new JsonArray("eu-ai-act", "us-ca-sb53"),
        };
        var request = new JsonObject { ["bills"] = bills, ["asOf"] = random.Next(3) == 0 ? null : "2026-07-01", ["trace"] = random.Next(2) == 0 };
        switch (envelope)
        {
            case Envelope.Registration:
                return ("/v1/manifests", manifest);
            case Envelope.EvaluationById:
                request["manifestId"] = registeredId;
                return ("/v1/evaluations", request);
            case Envelope.Gate:
                request["manifest"] = manifest;
                request["activity"] = Activities[random.Next(Activities.Length)];
                return ("/v1/gate", request);
            default:
                request["manifest"] = manifest;
                return ("/v1/evaluations", request);
        }
    }

    private void Apply(Mutation mutation, JsonObject root)
    {
        var nodes = Nodes(root).ToList();
        if (nodes.Count == 0)
        {
            return;
        }
        var (parent, key, node) = nodes[random.Next(nodes.Count)];
        switch (mutation)
        {
            case Mutation.TypeSwap:
                Replace(parent, key, Swaps[random.Next(Swaps.Length)]?.DeepClone());
                break;
            case Mutation.RemoveField:
                // Mostly a field the request cannot do without; otherwise any field of any object.
                var fields = nodes.Where(n => n.Parent is JsonObject).ToList();
                var required = fields.Where(n => n.Key is "manifest" or "manifestId" or "activity" or "id" or "schemaVersion").ToList();
                var removed = required.Count > 0 && random.Next(3) > 0 ? required[random.Next(required.Count)] : fields[random.Next(fields.Count)];
                ((JsonObject)removed.Parent!).Remove((string)removed.Key!);
                break;
            case Mutation.FarDate:
                var dates = nodes.Where(n => n.Node is JsonValue v && v.TryGetValue<string>(out var s) && DatePattern().IsMatch(s) && n.Key as string != "asOf").ToList();
                if (dates.Count > 0 && (random.Next(2) == 0 || !root.ContainsKey("bills")))
                {
                    var date = dates[random.Next(dates.Count)];
                    Replace(date.Parent, date.Key, ManifestDates[random.Next(ManifestDates.Length)]);
                }
                else if (root.ContainsKey("bills"))
                {
                    root["asOf"] = AsOfDates[random.Next(AsOfDates.Length)];
                }
                break;
            case Mutation.DeepNesting:
                JsonNode nested = node?.DeepClone() ?? JsonValue.Create(0);
                for (var depth = random.Next(20, 300); depth > 0; depth--)
                {
                    nested = random.Next(2) == 0 ? new JsonArray(nested) : new JsonObject { ["n"] = nested };
                }
                Replace(parent, key, nested);
                break;
            case Mutation.HugeNumber:
                var numbers = nodes.Where(n => n.Node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number).ToList();
                var (numberParent, numberKey, _) = numbers.Count > 0 && random.Next(4) > 0 ? numbers[random.Next(numbers.Count)] : (parent, key, node);
                Replace(numberParent, numberKey, Marker(HugeNumbers[random.Next(HugeNumbers.Length)]));
                break;
            case Mutation.LoneSurrogate:
                if (random.Next(3) == 0 && parent is JsonObject owner && key is string name)
                {
                    owner.Remove(name);
                    owner[Marker(LoneSurrogates[random.Next(LoneSurrogates.Length)])] = node;
                }
                else
                {
                    Replace(parent, key, Marker(LoneSurrogates[random.Next(LoneSurrogates.Length)]));
                }
                break;
            case Mutation.DuplicateKey:
                var objects = nodes.Select(n => n.Node).OfType<JsonObject>().Where(o => o.Count > 0).Prepend(root).ToList();
                var duplicated = objects[random.Next(objects.Count)];
                var (first, value) = duplicated.ElementAt(random.Next(duplicated.Count));
                duplicated[Marker(System.Text.Json.JsonSerializer.Serialize(first))] = random.Next(2) == 0 ? value?.DeepClone() : "other";
                break;
        }
    }

    private byte[] Apply(Mutation mutation, byte[] bytes)
    {
        switch (mutation)
        {
            case Mutation.ByteFlip:
                for (var flips = random.Next(1, 6); flips > 0 && bytes.Length > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }
                return bytes;
            case Mutation.Truncate:
                return bytes[..random.Next(bytes.Length)];
            case Mutation.InvalidUtf8:
                var quotes = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'"').ToList();
                var at = quotes.Count > 0 ? quotes[random.Next(quotes.Count)] + 1 : random.Next(bytes.Length + 1);
                return [.. bytes[..at], .. InvalidUtf8[random.Next(InvalidUtf8.Length)], .. bytes[at..]];
            default:
                return bytes;
        }
    }

    /// <summary>A string that the text replaces after serialisation with <paramref name="text"/>, raw.</summary>
    private string Marker(string text)
    {
        var marker = $"__fuzz_marker_{_markers.Count}__";
        _markers.Add((marker, text));
        return marker;
    }

    private static void Replace(JsonNode? parent, object? key, JsonNode? value)
    {
        switch (parent, key)
        {
            case (JsonObject obj, string name):
                obj[name] = value;
                break;
            case (JsonArray array, int index):
                array[index] = value;
                break;
        }
    }

    /// <summary>Every node below the root with its parent and its key (a name or an index).</summary>
    private static IEnumerable<(JsonNode? Parent, object? Key, JsonNode? Node)> Nodes(JsonNode root)
    {
        var pending = new Stack<(JsonNode? Parent, object? Key, JsonNode? Node)>();
        pending.Push((null, null, root));
        while (pending.Count > 0)
        {
            var item = pending.Pop();
            if (item.Parent is not null)
            {
                yield return item;
            }
            if (item.Node is JsonObject obj)
            {
                foreach (var (name, child) in obj)
                {
                    pending.Push((obj, name, child));
                }
            }
            else if (item.Node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    pending.Push((array, i, array[i]));
                }
            }
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();
}
