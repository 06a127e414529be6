using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;
using CsCheck;
using Xunit.Abstractions;

namespace Compliance.Api.Tests.Fuzz;

/// <summary>
/// Damaged requests built from the example and corpus manifests, sent through the real service: whatever is wrong with
/// a request, the answer is never a 5xx, and every 4xx is problem+json naming at least one field. A failure prints the
/// case (seed manifest, envelope, mutations, the random seed of its damage) and CsCheck's seed to run it again with.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Requests per run: a few thousand, well inside a minute on two shared cores; FUZZ_REQUESTS asks for more.</summary>
    private static readonly int Requests = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) ? n : 3000;

    internal sealed record Case(int Seed, Envelope Envelope, Mutation[] Mutations, int Entropy);

    [Fact]
    public async Task No_damaged_request_is_answered_with_a_5xx_and_every_4xx_is_a_problem_naming_a_field()
    {
        var seeds = SeedManifests();
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var registered = await RegisterAsync(client, seeds);
        var statuses = new ConcurrentDictionary<int, int>();
        var byMutation = new ConcurrentDictionary<(Mutation, int), int>();

        var cases = Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Enum<Envelope>(), Gen.Enum<Mutation>().Array[1, 2], Gen.Int, (seed, envelope, mutations, entropy) => new Case(seed, envelope, mutations, entropy));
        await cases.SampleAsync(async c =>
        {
            var (url, body) = new RequestMutator(new Random(c.Entropy)).Build(seeds[c.Seed].Manifest, seeds[registered[c.Seed % registered.Count]].Id, c.Envelope, c.Mutations);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync(url, content);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            foreach (var mutation in c.Mutations.Distinct())
            {
                byMutation.AddOrUpdate((mutation, status / 100), 1, (_, n) => n + 1);
            }
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"{status} for {url}: {Excerpt(body)}\n{text}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotEmpty(JsonNode.Parse(text)!["errors"]!.AsArray());
            }
        }, iter: Requests, threads: Environment.ProcessorCount, print: c => $"{c.Envelope} of {seeds[c.Seed].File} with {string.Join(" + ", c.Mutations)} (entropy {c.Entropy})");

        output.WriteLine($"{registered.Count} of {seeds.Count} seed manifests registered first; {Requests} damaged requests:");
        output.WriteLine("  by status: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));
        output.WriteLine("  5xx: " + statuses.Where(p => p.Key >= 500).Sum(p => p.Value));
        foreach (var mutation in Enum.GetValues<Mutation>())
        {
            output.WriteLine($"  {mutation}: " + string.Join(", ", byMutation.Where(p => p.Key.Item1 == mutation).OrderBy(p => p.Key.Item2).Select(p => $"{p.Key.Item2}xx {p.Value}")));
        }
        Assert.Equal(Requests, statuses.Values.Sum());
    }

    private sealed record Seed(string File, string Id, JsonObject Manifest);

    /// <summary>The example manifests (YAML read as the service reads it) and the corpus, in a stable order.</summary>
    private static List<Seed> SeedManifests()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "examples"), "*.*")
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || JsonDocuments.IsYamlPath(f))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "rules", "corpus"), "*.json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        return files.Select(f => (File: Path.GetRelativePath(RepositoryRoot.Path, f), Node: JsonDocuments.Parse(System.IO.File.ReadAllText(f), JsonDocuments.IsYamlPath(f)).AsObject()))
            .Select(s => new Seed(s.File, (string)s.Node["id"]!, s.Node))
            .ToList();
    }

    /// <summary>
    /// Registers the undamaged seeds, bases before the manifests naming them, so that ids and lineages resolve and the
    /// damage reaches the engine; the indexes of those registered.
    /// </summary>
    private static async Task<List<int>> RegisterAsync(HttpClient client, List<Seed> seeds)
    {
        var registered = new List<int>();
        for (var pass = 0; pass < 5 && registered.Count < seeds.Count; pass++)
        {
            foreach (var i in Enumerable.Range(0, seeds.Count).Except(registered).ToList())
            {
                var response = await client.PostJsonAsync("/v1/manifests", seeds[i].Manifest);
                if (response.IsSuccessStatusCode)
                {
                    registered.Add(i);
                }
            }
        }
        Assert.NotEmpty(registered);
        return registered;
    }

    private static string Excerpt(byte[] body) =>
        Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 2000)) + (body.Length > 2000 ? $"… ({body.Length} bytes)" : "");
}
