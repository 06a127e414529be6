namespace Compliance.Rules;

/// <summary>
/// Whether the host answers once and exits (the CLI) rather than serving request after request (the service), as the
/// host declares in its runtime configuration (<c>RuntimeHostConfigurationOption</c> <see cref="SwitchName"/>). Some
/// mechanisms trade a costly first use for faster later ones (regular expressions compiled to IL, manifests bound by
/// reflection with emitted accessors); a process that exits after its first use pays the cost and never earns it back.
/// </summary>
internal static class ProcessLifetime
{
    public const string SwitchName = "Compliance.Rules.ShortLived";

    public static bool ShortLived { get; } = AppContext.TryGetSwitch(SwitchName, out var on) && on;
}
