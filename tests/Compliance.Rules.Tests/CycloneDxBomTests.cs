using System.Text.Json.Nodes;
using Compliance.Rules.Importers;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Tests;

/// <summary>A CycloneDX ML-BOM read as a manifest: its model component's maker, digest, pedigree and compliance: properties.</summary>
public sealed class CycloneDxBomTests
{
    private static JsonObject Example() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples/import/lexwright-llama-3.1-70b.cdx.json")))!.AsObject();

    private static JsonObject Model(JsonObject bom) => bom["components"]![0]!.AsObject();

    private static JsonObject Read(JsonObject bom)
    {
        var manifest = CycloneDxBom.Read(bom).Manifest;
        ManifestJson.Read(manifest);
        return manifest;
    }

    private static JsonObject WithProperty(string name, string value)
    {
        var bom = Example();
        Model(bom)["properties"] = new JsonArray(new JsonObject { ["name"] = "huggingface:revision", ["value"] = "8e41c07" }, new JsonObject { ["name"] = name, ["value"] = value });
        return bom;
    }

    [Fact]
    public void The_example_ml_bom_gives_the_manufacturer_the_digest_the_ancestor_and_the_facts_its_properties_state()
    {
        var imported = CycloneDxBom.Read(Example());
        var manifest = imported.Manifest;
        ManifestJson.Read(manifest);

        Assert.Equal("lexwright-ai/Llama-3.1-70B-Lexwright-Instruct", (string)manifest["id"]!);
        Assert.Equal("Lexwright AI GmbH", (string)manifest["developer"]!["name"]!);
        Assert.Equal("DE", (string)manifest["developer"]!["headquarters"]!);
        Assert.Equal("c2d6cf15df27ce3b16b3d172464035f444d44a5f9655d43db2413489ef42bf82", (string)manifest["weights"]!["sha256"]!);
        Assert.Equal("meta/llama-3.1-70b", (string)manifest["lineage"]!["base"]!);
        Assert.Equal("finetune", (string)manifest["lineage"]!["relation"]!);
        Assert.Equal(3.1e21, (double)manifest["lineage"]!["computeFlop"]!);
        Assert.Equal(["EU", "US"], manifest["release"]!["jurisdictions"]!.AsArray().Select(j => (string)j!));
        Assert.Equal(["text"], manifest["outputModalities"]!.AsArray().Select(j => (string)j!));
        // The hub that distributes it is not its developer; a variant is not an ancestor; SHA-512 has no field.
        Assert.Contains(imported.Notes, n => n.Field == "supplier" && n.Text.StartsWith("Hugging Face ignored", StringComparison.Ordinal));
        Assert.Contains(imported.Notes, n => n.Field == "pedigree.variants" && n.Text.StartsWith("1 ignored", StringComparison.Ordinal));
        Assert.Contains(imported.Notes, n => n.Field == "hashes" && n.Text.StartsWith("SHA-512 not kept", StringComparison.Ordinal));
        // Energy and emissions stay words in a source.
        Assert.Contains(manifest["sources"]!.AsArray(), s => ((string)s!["note"]!).StartsWith("fine-tuning, 4608 kWh, 1.84 tCO2eq.", StringComparison.Ordinal));
        Assert.Null(manifest["training"]);
    }

    [Theory]
    [InlineData("compliance:training.computeFlop", "lots", "'lots' is not a number")]
    [InlineData("compliance:training.computeFlop", "-4e22", "must be at least 0")]
    [InlineData("compliance:developer.headquarters", "Germany", "does not match the pattern")]
    [InlineData("compliance:release.weights", "public", "not one of the allowed values")]
    [InlineData("compliance:generalPurpose", "yes", "'yes' is not true or false")]
    [InlineData("compliance:lineage.sameDeveloper", "true", "is a fact the bills derive")]
    [InlineData("compliance:training.flops", "1e24", "is not a manifest field")]
    [InlineData("compliance:deployment.channel", "api", "describes deployments, which a property cannot list")]
    [InlineData("compliance:training", "1e24", "is an object: give its fields one property each")]
    [InlineData("compliance:lineage.base", "meta/llama-3.1-70b", "the component's pedigree.ancestors give it")]
    public void A_compliance_property_the_manifest_refuses_is_an_error_at_the_property_naming_it(string name, string value, string message)
    {
        var refused = Assert.Throws<InvalidInputException>(() => CycloneDxBom.Read(WithProperty(name, value)));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("/components/0/properties/1", error.Pointer);
        Assert.StartsWith(name + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lineage_property_without_ancestors_is_refused_and_a_list_may_be_a_json_array()
    {
        var bom = WithProperty("compliance:lineage.computeFlop", "1e22");
        Model(bom).Remove("pedigree");
        var refused = Assert.Throws<InvalidInputException>(() => CycloneDxBom.Read(bom));
        Assert.Contains("no pedigree.ancestors", refused.Errors.Single().Message, StringComparison.Ordinal);

        var manifest = Read(WithProperty("compliance:training.dataModalities", """["text", "code"]"""));
        Assert.Equal(["text", "code"], manifest["training"]!["dataModalities"]!.AsArray().Select(j => (string)j!));
    }

    [Fact]
    public void A_sha256_hash_that_is_not_64_hexadecimal_digits_is_an_error_at_the_hash()
    {
        var bom = Example();
        Model(bom)["hashes"]![0]!["content"] = "c2d6cf15";

        var refused = Assert.Throws<InvalidInputException>(() => CycloneDxBom.Read(bom));

        Assert.Equal("/components/0/hashes/0/content", refused.Errors.Single().Pointer);
    }

    [Fact]
    public void Without_a_manufacturer_the_supplier_names_the_developer_and_without_either_the_authors_do()
    {
        var bom = Example();
        Model(bom).Remove("manufacturer");
        Model(bom)["supplier"] = new JsonObject { ["name"] = "Lexwright AI GmbH" };
        Assert.Equal("Lexwright AI GmbH", (string)Read(bom)["developer"]!["name"]!);

        Model(bom).Remove("supplier");
        Assert.Equal("Lexwright AI model team", (string)Read(bom)["developer"]!["name"]!);
    }

    [Fact]
    public void The_boms_subject_is_read_when_it_is_a_model_and_an_ancestor_outside_the_corpus_is_kept_by_its_hub_id()
    {
        var bom = new JsonObject
        {
            ["bomFormat"] = "CycloneDX", ["specVersion"] = "1.6",
            ["metadata"] = new JsonObject
            {
                ["component"] = new JsonObject
                {
                    ["type"] = "machine-learning-model", ["name"] = "tiny-chat", ["purl"] = "pkg:huggingface/acme-ai/tiny-chat@4f1e2d",
                    ["pedigree"] = new JsonObject { ["ancestors"] = new JsonArray(new JsonObject { ["type"] = "machine-learning-model", ["purl"] = "pkg:huggingface/acme-ai/tiny-base" }) },
                },
            },
        };

        var imported = CycloneDxBom.Read(bom);

        Assert.Equal("acme-ai/tiny-chat", (string)imported.Manifest["id"]!);
        Assert.Equal("acme-ai", (string)imported.Manifest["developer"]!["name"]!);
        Assert.Equal("acme-ai/tiny-base", (string)imported.Manifest["lineage"]!["base"]!);
        Assert.Contains(imported.Notes, n => n.Field == "lineage.relation" && n.Text.Contains("compliance:lineage.relation", StringComparison.Ordinal));
    }
}
