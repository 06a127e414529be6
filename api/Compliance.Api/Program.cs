using Compliance.Api.Analysis;
using Compliance.Api.Bills;
using Compliance.Api.Evaluations;
using Compliance.Api.Http;
using Compliance.Api.Limits;
using Compliance.Api.Manifests;
using Compliance.Api.Schemas;
using Compliance.Api.Storage;
using Compliance.Rules.Packs;

// The service has no settings files to reload (configuration comes from the environment and the command line), and
// watching for them watches the working folder, where the SQLite file lives by default: every write to its log woke
// the watcher, about 4% of the CPU under load.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

// The bundled bills and the uploaded drafts; each request sees the catalog as it was when the request began.
builder.Services.AddSingleton<BillLibrary>();
builder.Services.AddTransient(services => services.GetRequiredService<BillLibrary>().Current);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(services => new Database(services.GetRequiredService<IConfiguration>()["COMPLIANCE_DB"] ?? "compliance.db"));
builder.Services.AddSingleton<ManifestStore>();
builder.Services.AddSingleton<DecisionWriter>();
builder.Services.AddHostedService(services => services.GetRequiredService<DecisionWriter>());
builder.Services.AddSingleton<EvaluationStore>();
builder.Services.AddSingleton<Decisions>();
builder.Services.AddProblemDetails();
builder.Services.AddRequestLimits(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.DefaultIgnoreCondition = DecisionJson.Options.DefaultIgnoreCondition;
    json.SerializerOptions.Encoder = DecisionJson.Options.Encoder;
});
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(OpenApi.Configure);
if (builder.Configuration["urls"] is null)
{
    // DESIGN.md's default address, unless --urls or ASPNETCORE_URLS says otherwise.
    builder.WebHost.UseUrls("http://localhost:5080");
}
// Each endpoint enforces its own limit (JsonBody); Kestrel's is the largest of them.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = Portfolio.MaxBodyBytes);

var app = builder.Build();
app.Services.GetRequiredService<Database>().Migrate();
// Loading the bills validates them: a broken pack stops start-up here, naming the file and the pointer.
_ = app.Services.GetRequiredService<BillLibrary>();

// Authentication, when it comes, goes before this: the rate limits partition by the caller's "key" claim.
app.UseRequestLimits();
app.UseSwagger();
app.UseSwaggerUI();

// Probes are not callers: a load balancer's checks never spend a client's requests or get refused.
app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").WithName("Health").DisableRateLimiting();
var v1 = app.MapGroup("/v1").AddEndpointFilter<InvalidInputFilter>();
v1.MapBills();
v1.MapObligations();
v1.MapManifests();
v1.MapEvaluations();
v1.MapSchemas();
v1.MapAnalysis();
v1.MapCorpus();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
