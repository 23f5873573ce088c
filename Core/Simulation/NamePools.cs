using System.Globalization;
using System.Text;
using Bogus;

namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// pt_BR first and last names, drawn once from Bogus's pt_BR dataset (Bogus's <c>Person</c> costs about 57 µs, too much
/// per customer), with their ASCII forms for e-mail addresses. Customers combine them with the simulation's own PRNG.
/// </summary>
internal sealed class NamePools
{
    private static readonly Lazy<NamePools> Instance = new(Build);

    public static NamePools Shared => Instance.Value;

    public string[] FemaleFirst { get; private init; } = [];
    public string[] MaleFirst { get; private init; } = [];
    public string[] Last { get; private init; } = [];
    public string[] FemaleFirstAscii { get; private init; } = [];
    public string[] MaleFirstAscii { get; private init; } = [];
    public string[] LastAscii { get; private init; } = [];

    private static NamePools Build()
    {
        // A fixed seed: the pools are the same for every run (they depend on the Bogus version only), and sorted so that
        // the order in which Bogus happens to return them does not matter.
        var names = new Bogus.DataSets.Name("pt_BR") { Random = new Randomizer(20_240_101) };
        var female = new SortedSet<string>(StringComparer.Ordinal);
        var male = new SortedSet<string>(StringComparer.Ordinal);
        var last = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 4000; i++)
        {
            female.Add(names.FirstName(Bogus.DataSets.Name.Gender.Female));
            male.Add(names.FirstName(Bogus.DataSets.Name.Gender.Male));
            last.Add(names.LastName());
        }
        // Bogus's pt_BR list of surnames is short; add common Brazilian surnames (IBGE's most frequent).
        foreach (var s in ExtraLastNames) last.Add(s);
        return new NamePools
        {
            FemaleFirst = [.. female],
            MaleFirst = [.. male],
            Last = [.. last],
            FemaleFirstAscii = [.. female.Select(Ascii)],
            MaleFirstAscii = [.. male.Select(Ascii)],
            LastAscii = [.. last.Select(Ascii)],
        };
    }

    private static readonly string[] ExtraLastNames =
    [
        "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa",
        "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias",
        "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas", "Cardoso", "Ramos",
        "Gonçalves", "Santana", "Teixeira", "Araújo", "Pinto", "Correia", "Cavalcanti", "Monteiro",
    ];

    /// <summary>Lower-case ASCII (accents removed, spaces and apostrophes dropped) for e-mail addresses.</summary>
    public static string Ascii(string s)
    {
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }
}
