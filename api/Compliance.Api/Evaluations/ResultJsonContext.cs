using System.Text.Json;
using System.Text.Json.Serialization;
using Compliance.Rules.Evaluation;

namespace Compliance.Api.Evaluations;

/// <summary>
/// The decision's serializer, generated at build time: every decision is written once per request, and the generated
/// writer does without the reflection-driven converters' per-property dispatch. Its bytes are the reflection
/// serializer's, byte for byte (a test holds them to it). Trace values are typed <c>object</c>; their runtime types are
/// listed so that they too are written by generated code.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvaluationResult))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
