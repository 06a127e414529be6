namespace Compliance.Cli;

/// <summary>
/// What a CI step can rely on: "blocked" and "could not run" never share a code, so a broken manifest can never
/// pass for a refusal, nor a refusal for a crash.
/// </summary>
public static class ExitCodes
{
    public const int Allowed = 0;
    public const int Blocked = 1;
    public const int CouldNotEvaluate = 2;
}
