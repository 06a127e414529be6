using System.Text.Json.Nodes;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>
/// The CLI reads the bundled bills as the build compiled them (rules/Compliance.Rules.Bundler), without the schema:
/// these hold what it reads to what the sources say, so a stale or hand-edited bundle cannot pass.
/// </summary>
public sealed class CompiledBillsTests
{
    [Fact]
    public void The_engine_ships_its_bills_compiled()
    {
        using var bundle = typeof(PackLoader).Assembly.GetManifestResourceStream(PackLoader.CompiledResource);
        Assert.NotNull(bundle);
    }

    [Fact]
    public void The_compiled_bills_are_the_bills_as_written_validated_and_merged()
    {
        var written = PackLoader.LoadBundledSources();
        var compiled = PackLoader.LoadCompiled();

        Assert.Equal(written.Select(p => p.Key), compiled.Select(p => p.Key));
        foreach (var (source, read) in written.Zip(compiled))
        {
            Assert.Equal(source.Digest, read.Digest);
            Assert.True(JsonNode.DeepEquals(source.Document, read.Document), $"{source.Key}: the compiled document differs from the sources");
            Assert.Equal(source.Tests.Count, read.Tests.Count);
        }
    }

    [Fact]
    public void A_compiled_bills_digest_is_the_one_its_document_gives()
    {
        foreach (var pack in PackLoader.LoadCompiled())
        {
            var recompiled = PackCompiler.Compile(pack.Document.DeepClone().AsObject(), out var errors);
            Assert.Empty(errors);
            Assert.Equal(recompiled.Digest, pack.Digest);
        }
    }
}
