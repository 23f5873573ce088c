namespace Ecom.Aspire.Web.Services;

/// <summary>A federative unit of Brazil: its UF code, name and region (IBGE).</summary>
public sealed record BrazilState(string Uf, string Name, string Region);

/// <summary>The 27 UFs (26 states and the Distrito Federal), in IBGE code order; source: IBGE (shared/data/brazil-ufs.csv).</summary>
public static class BrazilStates
{
    public static readonly IReadOnlyList<BrazilState> All =
    [
        new("RO", "Rondônia", "Norte"),
        new("AC", "Acre", "Norte"),
        new("AM", "Amazonas", "Norte"),
        new("RR", "Roraima", "Norte"),
        new("PA", "Pará", "Norte"),
        new("AP", "Amapá", "Norte"),
        new("TO", "Tocantins", "Norte"),
        new("MA", "Maranhão", "Nordeste"),
        new("PI", "Piauí", "Nordeste"),
        new("CE", "Ceará", "Nordeste"),
        new("RN", "Rio Grande do Norte", "Nordeste"),
        new("PB", "Paraíba", "Nordeste"),
        new("PE", "Pernambuco", "Nordeste"),
        new("AL", "Alagoas", "Nordeste"),
        new("SE", "Sergipe", "Nordeste"),
        new("BA", "Bahia", "Nordeste"),
        new("MG", "Minas Gerais", "Sudeste"),
        new("ES", "Espírito Santo", "Sudeste"),
        new("RJ", "Rio de Janeiro", "Sudeste"),
        new("SP", "São Paulo", "Sudeste"),
        new("PR", "Paraná", "Sul"),
        new("SC", "Santa Catarina", "Sul"),
        new("RS", "Rio Grande do Sul", "Sul"),
        new("MS", "Mato Grosso do Sul", "Centro-Oeste"),
        new("MT", "Mato Grosso", "Centro-Oeste"),
        new("GO", "Goiás", "Centro-Oeste"),
        new("DF", "Distrito Federal", "Centro-Oeste"),
    ];

    /// <summary>The UF codes alphabetically, as the filter lists them.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. All.Select(s => s.Uf).Order(StringComparer.Ordinal)];

    public static BrazilState? Find(string? uf) => All.FirstOrDefault(s => string.Equals(s.Uf, uf, StringComparison.OrdinalIgnoreCase));
}
