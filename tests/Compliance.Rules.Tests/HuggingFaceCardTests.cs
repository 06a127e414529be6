using System.Text.Json.Nodes;
using Compliance.Rules.Importers;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Tests;

/// <summary>A Hugging Face model card read as a manifest: what it states is carried over, nothing is invented.</summary>
public sealed class HuggingFaceCardTests
{
    private const string ExampleCard = "examples/import/lexwright-ai/Llama-3.1-70B-Lexwright-Instruct/README.md";

    private static string Example => File.ReadAllText(Path.Combine(RepositoryRoot.Path, ExampleCard));

    private static JsonObject Read(string card, string? id = null, string? location = null, bool besideModelFiles = false)
    {
        var imported = HuggingFaceCard.Read(card, id, location, besideModelFiles);
        ManifestJson.Read(imported.Manifest); // every import is a manifest the schema accepts
        return imported.Manifest;
    }

    private static string Card(string frontMatter, string body = "# A model\n") => $"---\n{frontMatter}\n---\n{body}";

    [Fact]
    public void A_llama_fine_tune_card_gives_its_developer_base_relation_data_sets_and_emissions_but_no_compute()
    {
        var manifest = Read(Example, location: "/models/" + ExampleCard);

        Assert.Equal("lexwright-ai/Llama-3.1-70B-Lexwright-Instruct", (string)manifest["id"]!);
        Assert.Equal("Lexwright AI GmbH", (string)manifest["developer"]!["name"]!);
        Assert.Equal("meta/llama-3.1-70b", (string)manifest["lineage"]!["base"]!);
        Assert.Equal("finetune", (string)manifest["lineage"]!["relation"]!);
        Assert.Equal("LicenseRef-llama3.1", (string)manifest["release"]!["license"]!);
        var sources = manifest["sources"]!.AsArray();
        Assert.Equal(
            ["https://huggingface.co/datasets/HuggingFaceH4/ultrachat_200k", "https://huggingface.co/datasets/pile-of-law/pile-of-law", "https://huggingface.co/datasets/lexwright-ai/eu-case-law-instructions"],
            sources.Select(s => (string?)s!["uri"]).OfType<string>());
        var emissions = (string)sources.Single(s => ((string)s!["title"]!).Contains("co2_eq_emissions", StringComparison.Ordinal))!["note"]!;
        Assert.Contains("1843000 g CO2eq (source: CodeCarbon)", emissions, StringComparison.Ordinal);
        Assert.Contains("hardware: 64 x NVIDIA H100 80GB SXM", emissions, StringComparison.Ordinal);
        // Grams of CO2 and a count of GPUs are not operations: no compute is written anywhere.
        Assert.Null(manifest["training"]);
        Assert.Null(manifest["lineage"]!["computeFlop"]);
    }

    [Fact]
    public void The_hub_cache_folder_names_the_model_and_its_owner_the_developer_as_the_corpus_names_it()
    {
        var card = Card("base_model: meta-llama/Llama-3.1-70B\nlicense: llama3.1\npipeline_tag: text-generation");
        var location = "/home/ana/.cache/huggingface/hub/models--meta-llama--Llama-3.1-70B-Instruct/snapshots/1605565b47bb9346c5515c34102e054115b4f98b/README.md";

        var manifest = Read(card, location: location);

        Assert.Equal("meta-llama/Llama-3.1-70B-Instruct", (string)manifest["id"]!);
        // The base's developer in the corpus is "Meta AI": the instruct model by the same Hub owner is named alike,
        // so the bills see one developer (SB 53 counts its own base's compute).
        Assert.Equal("Meta AI", (string)manifest["developer"]!["name"]!);
        Assert.Null(manifest["lineage"]!["relation"]); // the card does not say how it was made from its base
    }

    [Fact]
    public void The_owner_of_a_given_id_names_the_developer_when_the_card_does_not_and_the_note_says_to_check_it()
    {
        var imported = HuggingFaceCard.Read(Card("license: apache-2.0"), "acme-ai/tiny-chat");

        Assert.Equal("acme-ai", (string)imported.Manifest["developer"]!["name"]!);
        Assert.Contains(imported.Notes, n => n.Field == "developer.name" && n.Text.Contains("correct it if someone else trained the model", StringComparison.Ordinal));
    }

    [Fact]
    public void A_card_without_a_name_in_a_folder_without_model_files_is_refused_with_how_to_name_it()
    {
        var refused = Assert.Throws<InvalidInputException>(() => HuggingFaceCard.Read(Card("license: mit"), location: "/home/ana/notes/README.md"));

        Assert.Contains("give the model's id, OWNER/NAME", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_beside_model_files_name_the_model_but_never_its_developer()
    {
        var imported = HuggingFaceCard.Read(Card("license: mit"), location: "/srv/models/acme-ai/tiny-chat/README.md", besideModelFiles: true);

        Assert.Equal("acme-ai/tiny-chat", (string)imported.Manifest["id"]!);
        // A clone into /home/ana/tiny-chat looks the same: the folder above is no evidence of who trained it.
        Assert.Null(imported.Manifest["developer"]);
    }

    [Theory]
    [InlineData("co2_eq_emissions:\n  emissions: 120\n  training_type: fine-tuning", "finetune")]
    [InlineData("base_model_relation: quantized", "quantization")]
    [InlineData("base_model_relation: adapter\nco2_eq_emissions:\n  training_type: pre-training", "adapter")]
    [InlineData("co2_eq_emissions:\n  training_type: pre-training", null)]
    public void The_relation_to_the_base_is_read_from_base_model_relation_or_a_fine_tuning_training_type(string frontMatter, string? relation)
    {
        var manifest = Read(Card($"base_model: acme-ai/base-7b\n{frontMatter}"), "acme-ai/tuned-7b");

        Assert.Equal("acme-ai/base-7b", (string)manifest["lineage"]!["base"]!); // not in the corpus: kept by its Hub id
        Assert.Equal(relation, (string?)manifest["lineage"]!["relation"]);
    }

    [Fact]
    public void A_gated_card_is_a_gated_release_and_the_developed_by_line_of_the_hub_template_names_the_developer()
    {
        var card = Card("license: other\nlicense_name: acme-community\nextra_gated_prompt: Agree to the terms",
            "# Tiny chat\n\n- **Developed by:** [Acme AI, Inc.](https://acme.example)\n- **Funded by [optional]:** [More Information Needed]\n");

        var manifest = Read(card, "acme-ai/tiny-chat");

        Assert.Equal("gated", (string)manifest["release"]!["weights"]!);
        Assert.Equal("LicenseRef-acme-community", (string)manifest["release"]!["license"]!);
        Assert.Equal("Acme AI, Inc.", (string)manifest["developer"]!["name"]!);
    }
}
