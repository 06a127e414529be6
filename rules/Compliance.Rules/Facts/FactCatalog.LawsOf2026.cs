namespace Compliance.Rules.Facts;

public static partial class FactCatalog
{
    /// <summary>
    /// The facts Colorado SB 26-189, the Utah AI Policy Act, Korea's AI Basic Act and China's labelling measures ask
    /// that no earlier bill did. A method, not a field: the catalogue is built from it, and static fields of a partial
    /// class in two files have no initialisation order to rely on.
    /// </summary>
    private static FactDefinition[] LawsOf2026() =>
    [
        new("developer.country", FactKind.Text, s => Str(CountryOf(M(s).Developer?.Headquarters)), "the country the developer is established in: the ISO 3166-1 part of developer.headquarters (KR of KR-11)")
        {
            MissingFacts = _ => ["developer.headquarters"],
        },
        new("developer.annualRevenueKrw", FactKind.Number, s => Num(M(s).Developer?.AnnualRevenueKrw), "developer's total revenue in the preceding year, in Korean won") { Unit = Packs.Unit.Krw },
        new("developer.aiServiceRevenueKrw", FactKind.Number, s => Num(M(s).Developer?.AiServiceRevenueKrw), "developer's revenue from AI services in the preceding year, in Korean won") { Unit = Packs.Unit.Krw },
        new("developer.averageDailyUsersKorea", FactKind.Number, s => Num(M(s).Developer?.AverageDailyUsersKorea), "average daily users in Korea of the developer's AI services") { Unit = Packs.Unit.Count },
        new("deployments.processesPersonalData", FactKind.Boolean, s => AnyDeployment(M(s), d => d.ProcessesPersonalData), "some deployment processes personal data"),
        new("deployment.processesPersonalData", FactKind.Boolean, s => Bool(s.Deployment?.ProcessesPersonalData), "the system processes personal data"),
        new("deployment.consumerTransaction", FactKind.Boolean, s => Bool(s.Deployment?.ConsumerTransaction), "the system interacts with individuals in connection with a consumer transaction"),
        new("deployment.regulatedOccupation", FactKind.Boolean, s => Bool(s.Deployment?.RegulatedOccupation), "the system is used in providing the services of a licensed or state-certified occupation"),
        new("deployment.collectsSensitivePersonalData", FactKind.Boolean, s => Bool(s.Deployment?.CollectsSensitivePersonalData), "the interaction collects health, financial, biometric or other sensitive personal data"),
        new("deployment.personalisedAdvice", FactKind.Boolean, s => Bool(s.Deployment?.PersonalisedAdvice), "the interaction gives personalised advice relied on for significant personal decisions"),
        new("deployment.affectsLifeSafetyOrRights", FactKind.Boolean, s => Bool(s.Deployment?.AffectsLifeSafetyOrRights), "the system may significantly affect or endanger human life, physical safety or fundamental rights"),
        new("deployment.contentDisseminationPlatform", FactKind.Boolean, s => Bool(s.Deployment?.ContentDisseminationPlatform), "the system is, or is part of, a service on which users publish content for others"),
    ];

    /// <summary>The country part of an ISO 3166 code: KR of KR-11, US of US.</summary>
    private static string? CountryOf(string? code) =>
        code is null ? null : code.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? code[..dash] : code;
}
