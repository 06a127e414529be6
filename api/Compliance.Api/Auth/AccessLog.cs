namespace Compliance.Api.Auth;

/// <summary>What the service says at start about who may call it.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to start: the store has no API keys, and {Urls} is not loopback only, so anyone who reaches it could use it. "
        + "Create a key first (compliance keys create --tenant NAME --scope admin --db {Db}), bind to loopback, or start with {Flag}.")]
    public static partial void RefusingOpenExposure(ILogger logger, string urls, string db, string flag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store has no API keys: callers without a key are the tenant '{Tenant}' with every scope but admin, {Where}. "
        + "Create one with: compliance keys create --tenant NAME --scope admin --db {Db}")]
    public static partial void AnsweringWithoutKeys(ILogger logger, string tenant, string where, string db);
}
