namespace Compliance.Cli.Input;

/// <summary>
/// How many bytes the tool reads before refusing an input: the limits the API puts on a request body, so a file the
/// service would refuse is refused here too, and a device or pipe given as a file (/dev/zero) cannot exhaust memory.
/// A portfolio's limit is shared by all its files, as the analysis endpoints take the whole portfolio in one body.
/// </summary>
internal sealed class ReadLimit
{
    /// <summary>Mirrors <c>JsonBody.DefaultLimitBytes</c> in api/Compliance.Api/Http/JsonBody.cs (the CLI does not reference the API).</summary>
    public const long DocumentBytes = 1024 * 1024;

    /// <summary>Mirrors <c>Portfolio.MaxBodyBytes</c> in api/Compliance.Api/Analysis/Portfolio.cs.</summary>
    public const long PortfolioBytes = 32 * 1024 * 1024;

    private readonly bool _shared;
    private long _remaining;

    private ReadLimit(long bytes, bool shared, string what)
    {
        Bytes = bytes;
        _remaining = bytes;
        _shared = shared;
        What = what;
    }

    /// <summary>The limit itself, for messages.</summary>
    public long Bytes { get; }

    /// <summary>What the limit is for ("a manifest", "a portfolio"), for messages.</summary>
    public string What { get; }

    /// <summary>Bytes the next file may have.</summary>
    public long Available => _shared ? _remaining : Bytes;

    /// <summary>Each file on its own: a manifest, a pack, a model card.</summary>
    public static ReadLimit PerDocument(string what) => new(DocumentBytes, shared: false, what);

    /// <summary>All the files of a compare or sweep together.</summary>
    public static ReadLimit Portfolio() => new(PortfolioBytes, shared: true, "a portfolio (all its files together)");

    public void Spend(long bytes)
    {
        if (_shared)
        {
            _remaining -= bytes;
        }
    }

    public string Describe() => $"the limit for {What} is {Bytes / (1024 * 1024)} MiB, as in the API";
}
