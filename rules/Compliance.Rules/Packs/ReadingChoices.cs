using Compliance.Rules.Json;

namespace Compliance.Rules.Packs;

/// <summary>
/// A request's choice of readings, <c>{ bill: { reading: option } }</c>, checked against the bills evaluated: each bill
/// must be among them, each reading one its pack declares, each option one of the reading's. Shared by the API and the
/// CLI so both refuse the same choices with the same words.
/// </summary>
public static class ReadingChoices
{
    public static IEnumerable<InputError> Check(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byBill, IReadOnlyList<BillPack> bills, string pointer)
    {
        foreach (var (billId, choices) in byBill)
        {
            var at = JsonPointer.Append(pointer, billId);
            if (bills.FirstOrDefault(b => b.Id == billId) is not { } pack)
            {
                yield return new InputError(at, $"'{billId}' is not among the bills evaluated ({string.Join(", ", bills.Select(b => b.Id).Distinct())})");
                continue;
            }
            foreach (var (name, option) in choices)
            {
                if (!pack.Readings.TryGetValue(name, out var reading))
                {
                    yield return new InputError(JsonPointer.Append(at, name), pack.Readings.Count == 0
                        ? $"'{pack.Id}' declares no readings"
                        : $"'{pack.Id}' has no reading '{name}'; it has {string.Join(", ", pack.Readings.Keys)}");
                }
                else if (!reading.Options.ContainsKey(option))
                {
                    yield return new InputError(JsonPointer.Append(at, name), $"'{option}' is not an option of '{pack.Id}' reading '{name}': {string.Join(", ", reading.Options.Keys)}");
                }
            }
        }
    }
}
