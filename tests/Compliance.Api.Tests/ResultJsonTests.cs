using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Compliance.Api.Evaluations;
using Compliance.Rules.Corpus;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Packs;
using GateRequest = Compliance.Rules.Evaluation.GateRequest;

namespace Compliance.Api.Tests;

/// <summary>
/// Stored decisions are compared byte for byte and must read the same years later, so the generated serializer that
/// writes them, into pooled memory, must write exactly what the reflection serializer wrote before it.
/// </summary>
public sealed class ResultJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = EvaluationResult.MaxJsonDepth,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TheoryData<bool> Traces => [true, false];

    [Theory]
    [MemberData(nameof(Traces))]
    public void Every_real_model_under_every_bill_is_written_as_the_reflection_serializer_writes_it(bool trace)
    {
        var packs = BillCatalog.Bundled.Packs;
        var compared = 0;
        foreach (var artifact in ReferenceCorpus.Bundled.Artifacts)
        {
            foreach (var activity in new ActivityKind?[] { null, ActivityKind.Release, ActivityKind.Deployment })
            {
                var gate = activity is { } act
                    ? new GateRequest { Activity = act, Enforced = GateRequest.Enforcing(packs, named: false, new DateOnly(2026, 7, 1)) }
                    : null;
                var result = Evaluator.Evaluate(artifact, packs, new EvaluationOptions { AsOf = new DateOnly(2026, 7, 1), Trace = trace, Gate = gate }) with
                {
                    Id = "ev_0123456789abcdef",
                    CreatedAt = new DateTimeOffset(2026, 7, 1, 12, 30, 45, 123, TimeSpan.Zero),
                };

                using var generated = DecisionJson.Write(result);

                Assert.Equal(JsonSerializer.Serialize(result, Reflection), System.Text.Encoding.UTF8.GetString(generated.WrittenSpan));
                compared++;
            }
        }
        Assert.True(compared >= 150, $"only {compared} results compared");
    }

    [Fact]
    public void The_decision_type_is_written_by_generated_code_not_by_reflection()
    {
        var info = DecisionJson.Options.GetTypeInfo(typeof(EvaluationResult));

        Assert.IsType<ResultJsonContext>(info.OriginatingResolver);
    }
}
