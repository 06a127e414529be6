namespace Compliance.Storage;

/// <summary>Tenant names: what a key belongs to, and so what it can see.</summary>
public static class Tenants
{
    /// <summary>The tenant of a caller without a key, while the store has no keys (loopback only, or --allow-anonymous; never admin).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>A tenant name is short, lower-case and safe in a log line: letters, digits, '-', '_' and '.'.</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');
}
