namespace Compliance.Storage;

/// <summary>What a key may do. A request needs the scope its endpoint names; reading the public law needs none.</summary>
public static class Scopes
{
    /// <summary>Evaluate manifests and ask the gate; the decisions are stored for the key's tenant.</summary>
    public const string Evaluate = "evaluate";

    /// <summary>Register manifests (new versions of the tenant's own artifacts).</summary>
    public const string Register = "register";

    /// <summary>Upload draft bills and run compare and sweep.</summary>
    public const string Analyst = "analyst";

    /// <summary>Read the tenant's stored decisions and registered manifests.</summary>
    public const string Read = "read";

    /// <summary>Create, list and revoke keys, for every tenant: the operator's scope.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Evaluate, Register, Analyst, Read, Admin];
}
