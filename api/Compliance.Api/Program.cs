using Compliance.Api.Analysis;
using Compliance.Api.Auth;
using Compliance.Api.Bills;
using Compliance.Api.Evaluations;
using Compliance.Api.Health;
using Compliance.Api.Http;
using Compliance.Api.Limits;
using Compliance.Api.Manifests;
using Compliance.Api.Pages;
using Compliance.Api.Schemas;
using Compliance.Api.Telemetry;
using Compliance.Storage;
using Compliance.Rules.Packs;

// The service has no settings files to reload (configuration comes from the environment and the command line), and
// watching for them watches the working folder, where the SQLite file lives by default: every write to its log woke
// the watcher, about 4% of the CPU under load.
var (allowAnonymous, hostArgs) = Exposure.TakeFlag(args);
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. hostArgs]);
// `--db PATH` names the database as the CLI's keys commands do, over COMPLIANCE_DB (the command line wins, as usual).
builder.Configuration.AddCommandLine(hostArgs, new Dictionary<string, string> { ["--db"] = "COMPLIANCE_DB" });
// Metrics, one log line per request (text or JSON), COMPLIANCE_DB_FILE, the shutdown timeout.
builder.AddOperations();

// Who is calling: the key's tenant and scopes. Every store below is per request and sees that tenant's data alone.
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped(services => Caller.Of(services.GetRequiredService<IHttpContextAccessor>()));
builder.Services.AddSingleton<KeyStore>();
builder.Services.AddSingleton<KeyRing>();
builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
builder.Services.AddAuthorization(authorization =>
{
    foreach (var scope in Scopes.All)
    {
        authorization.AddPolicy(scope, policy => policy.RequireClaim(Caller.ScopeClaim, scope));
    }
});

// The bundled bills and each tenant's drafts; a request sees its tenant's catalog as it was when the request began.
builder.Services.AddSingleton<BillLibrary>();
builder.Services.AddScoped(services => services.GetRequiredService<BillLibrary>().For(services.GetRequiredService<Caller>().Tenant));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(services => Database.Configured(services.GetRequiredService<IConfiguration>()["COMPLIANCE_DB"],
    services.GetRequiredService<IConfiguration>().GetConnectionString("Compliance")));
builder.Services.AddScoped<ManifestStore>();
builder.Services.AddSingleton<DecisionWriter>();
builder.Services.AddHostedService(services => services.GetRequiredService<DecisionWriter>());
builder.Services.AddScoped<EvaluationStore>();
builder.Services.AddScoped<Decisions>();
builder.Services.AddProblemDetails();
builder.Services.AddAnswerCompression();
builder.Services.AddRequestLimits(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.DefaultIgnoreCondition = DecisionJson.Options.DefaultIgnoreCondition;
    json.SerializerOptions.Encoder = DecisionJson.Options.Encoder;
});
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(OpenApi.Configure);
builder.AddPages();
if (builder.Configuration["urls"] is null)
{
    // The contract's default address (docs/design.md), unless --urls or ASPNETCORE_URLS says otherwise.
    builder.WebHost.UseUrls("http://localhost:5080");
}
var exposure = new Exposure(
    allowAnonymous || string.Equals(builder.Configuration["COMPLIANCE_ALLOW_ANONYMOUS"], "true", StringComparison.OrdinalIgnoreCase),
    (builder.Configuration["urls"] ?? "http://localhost:5080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
builder.Services.AddSingleton(exposure);
// Each endpoint enforces its own limit (JsonBody); Kestrel's is the largest of them.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = Portfolio.MaxBodyBytes);

var app = builder.Build();
app.Services.GetRequiredService<Database>().Migrate();
// Loading the bills validates them: a broken bundled pack stops start-up here, naming the file and the pointer.
_ = app.Services.GetRequiredService<BillLibrary>();
if (app.Services.GetRequiredService<KeyRing>().IsEmpty)
{
    if (!exposure.LoopbackOnly && !exposure.AllowAnonymous)
    {
        var urls = string.Join(";", exposure.Urls);
        var db = app.Services.GetRequiredService<Database>().CommandLine;
        AccessLog.RefusingOpenExposure(app.Logger, urls, db, Exposure.Flag);
        return 2;
    }
    AccessLog.AnsweringWithoutKeys(app.Logger, Tenants.Anonymous, exposure.AllowAnonymous ? "from any address (--allow-anonymous)" : "from loopback only",
        app.Services.GetRequiredService<Database>().CommandLine);
}

app.UseAccessLog();
app.UseResponseCompression();
app.UseRefusalsAsProblems();
app.UseSwagger();
app.UseSwaggerUI();
// Who the caller is comes first: the rate limits partition by the key, and the scopes are checked after them.
app.UseAuthentication();
app.UseRequestLimits();
app.UseAuthorization();

// Probes are not callers: a load balancer's checks never spend a client's requests or get refused.
app.MapHealth();
app.MapMetrics();
var v1 = app.MapGroup("/v1").AddEndpointFilter<InvalidInputFilter>();
v1.MapBills();
v1.MapObligations();
v1.MapManifests();
v1.MapEvaluations();
v1.MapSchemas();
v1.MapAnalysis();
v1.MapCorpus();
v1.MapKeys();
// The web pages for legal teams (/, /decisions/{id}, /signin): server-rendered, calling the same services in-process.
app.MapPages();

app.Run();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
