using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Compliance.Api.Tests;

/// <summary>The operator's switches, on the real process: the log format and the connection string from a secret file.</summary>
public sealed class OperationsProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("compliance-ops-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task With_log_format_json_every_line_is_a_json_object_and_a_request_is_one_with_its_fields()
    {
        using var api = await ApiProcess.StartAsync(Path.Combine(_folder, "compliance.db"), "--log-format", "json", "--Logging:LogLevel:Default=Information");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/bills?token=query-secret-value");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        var response = await api.Client.SendAsync(request);
        var line = await WaitForLineAsync(api, "\"Category\":\"Compliance.Api.AccessLog\"", "\"Path\":\"/v1/bills\"");
        var lines = api.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
        var state = JsonDocument.Parse(line).RootElement.GetProperty("State");
        Assert.Equal("GET", state.GetProperty("Method").GetString());
        Assert.Equal("200", state.GetProperty("Status").ToString());
        Assert.Equal("anonymous", state.GetProperty("Tenant").GetString());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", state.GetProperty("TraceId").GetString());
        Assert.True(double.TryParse(state.GetProperty("DurationMs").ToString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.DoesNotContain("query-secret-value", api.Log, StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("Compliance.Api.AccessLog", StringComparison.Ordinal) && l.Contains("/v1/bills", StringComparison.Ordinal));
    }

    [Fact]
    public async Task COMPLIANCE_DB_FILE_names_a_file_holding_the_database_as_a_container_secret_would_and_wins_over_COMPLIANCE_DB()
    {
        var database = Path.Combine(_folder, "from-secret.db");
        var secret = Path.Combine(_folder, "compliance_db");
        await File.WriteAllTextAsync(secret, database + "\n");
        // ApiProcess sets COMPLIANCE_DB too, as the image does (/data/compliance.db): the secret wins.
        using var api = await ApiProcess.StartAsync(Path.Combine(_folder, "unused.db"), $"--COMPLIANCE_DB_FILE={secret}");

        var response = await api.SendAsync(HttpMethod.Post, "/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()).ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM evaluations";
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
        Assert.False(File.Exists(Path.Combine(_folder, "unused.db")));
    }

    private static async Task<string> WaitForLineAsync(ApiProcess api, params string[] parts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (api.Log.Split('\n').FirstOrDefault(l => parts.All(p => l.Contains(p, StringComparison.Ordinal))) is { } line)
            {
                return line;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"no log line with {string.Join(" and ", parts)}:\n{api.Log}");
    }
}
