using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Api.Http;

/// <summary>
/// Reads the small envelope fields of a request (asOf, bills …), collecting every error with its pointer. Evaluations and
/// the gate bind records after a published schema instead (<see cref="RequestEnvelope"/>); compare and sweep still read here.
/// </summary>
public sealed class RequestFields(JsonObject body, IReadOnlyCollection<string> known)
{
    private readonly List<InputError> _errors = Unknown(body, known).ToList();

    public JsonObject Body => body;

    private static IEnumerable<InputError> Unknown(JsonObject body, IReadOnlyCollection<string> known) =>
        body.Where(p => !known.Contains(p.Key)).Select(p => new InputError("/" + p.Key, $"'{p.Key}' is not a known field; expected one of {string.Join(", ", known)}"));

    public string? String(string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            _errors.Add(new InputError("/" + name, "must be a string"));
            return null;
        }
        return node.GetValue<string>();
    }

    public bool? Boolean(string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            _errors.Add(new InputError("/" + name, "must be true or false"));
            return null;
        }
        return node.GetValue<bool>();
    }

    public DateOnly? Date(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            _errors.Add(new InputError("/" + name, $"'{text}' is not a date (YYYY-MM-DD)"));
            return null;
        }
        return date;
    }

    public IReadOnlyList<string>? Strings(string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            _errors.Add(new InputError("/" + name, "must be an array of strings"));
            return null;
        }
        var list = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                list.Add(v.GetValue<string>());
            }
            else
            {
                _errors.Add(new InputError($"/{name}/{i}", "must be a string"));
            }
        }
        return list;
    }

    public string? OneOf(string name, IReadOnlyCollection<string> allowed, bool required)
    {
        var text = String(name);
        if (text is null)
        {
            if (required && body[name] is null)
            {
                _errors.Add(new InputError("/" + name, $"'{name}' is required: one of {string.Join(", ", allowed)}"));
            }
            return null;
        }
        if (!allowed.Contains(text))
        {
            _errors.Add(new InputError("/" + name, $"'{text}' is not one of {string.Join(", ", allowed)}"));
            return null;
        }
        return text;
    }

    public void Error(string pointer, string message) => _errors.Add(new InputError(pointer, message));

    /// <summary>Throws every error collected so far as one 422.</summary>
    public void ThrowIfInvalid(string title)
    {
        if (_errors.Count > 0)
        {
            throw new InvalidInputException(title, _errors);
        }
    }
}
