namespace Compliance.Bench;

/// <summary>A typical manifest: about 1.5 KB, one inline lineage level, two deployments.</summary>
public static class TypicalManifest
{
    public const string Json = """
        {
          "schemaVersion": "1",
          "id": "acme/frontier-1-instruct",
          "name": "Frontier-1 Instruct",
          "generalPurpose": true,
          "developer": { "name": "Acme AI", "annualRevenueUsd": 2.0e9, "headquarters": "US-CA" },
          "training": { "status": "completed", "computeFlop": 4.0e25, "costUsd": 2.0e7, "startDate": "2026-03-01", "dataModalities": ["text", "code"], "externalInteraction": false },
          "lineage": {
            "base": {
              "schemaVersion": "1",
              "id": "acme/frontier-1",
              "developer": { "name": "Acme AI", "annualRevenueUsd": 2.0e9, "headquarters": "US-CA" },
              "training": { "status": "completed", "computeFlop": 2.0e26, "costUsd": 1.5e8, "startDate": "2025-09-01" },
              "outputModalities": ["text"]
            },
            "relation": "finetune",
            "computeFlop": 4.0e25,
            "costUsd": 2.0e7
          },
          "outputModalities": ["text", "code"],
          "weights": { "parameters": 4.05e11 },
          "release": { "weights": "open", "code": "open", "license": "Apache-2.0", "date": "2026-06-01", "jurisdictions": ["US", "EU"] },
          "deployments": [
            { "id": "acme-chat", "channel": "api", "deployer": { "name": "Acme AI", "annualRevenueUsd": 2.0e9 }, "date": "2026-06-01",
              "jurisdictions": ["US-CA", "EU", "US-CO"], "interactsWithNaturalPersons": true, "generatesSyntheticContent": ["text"],
              "domains": [], "practices": [], "consequentialDecisions": false, "minors": "likely" },
            { "id": "acme-hr", "channel": "enterprise", "deployer": { "name": "Beta Corp", "annualRevenueUsd": 5.0e8 }, "date": "2026-07-01",
              "jurisdictions": ["US-NY"], "interactsWithNaturalPersons": false, "generatesSyntheticContent": [],
              "domains": ["employment"], "practices": [], "consequentialDecisions": true, "minors": "excluded" }
          ],
          "evidence": [ { "obligation": "us-ca-sb1047/safety-protocol", "uri": "https://acme.example/ssp", "date": "2026-02-01" } ]
        }
        """;
}
