namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// What a user asks for, from the command line (<c>--from --to --years --customers --seed</c>) or the Api: turned
/// into resolved <see cref="SimulationParameters"/>, or into a list of problems naming the field at fault.
/// <c>--years</c> counts from <c>--from</c> when that is given (2024-01-01 and 2 years end on 2025-12-31), otherwise
/// back from the default end (yesterday); <c>--to</c> and <c>--years</c> together are refused.
/// </summary>
public sealed record SimulationRequest(DateOnly? From = null, DateOnly? To = null, int? Years = null, int? Customers = null, long? Seed = null)
{
    public const int MaxYears = 20;

    public SimulationParameters? ToParameters(DateTimeOffset now, out IReadOnlyDictionary<string, string[]> problems)
    {
        var errors = new Dictionary<string, string[]>();
        if (To is not null && Years is not null) errors["years"] = ["give either to or years, not both"];
        if (Years is < 1 or > MaxYears) errors["years"] = [$"years must be between 1 and {MaxYears} (got {Years})"];
        if (Customers is < 1) errors["customers"] = [$"customers must be at least 1 (got {Customers})"];
        if (errors.Count > 0)
        {
            problems = errors;
            return null;
        }

        var defaults = SimulationParameters.Default(SaoPauloTime.DateOf(now));
        var (from, to) = (From, To, Years) switch
        {
            ({ } f, { } t, _) => (f, t),
            ({ } f, null, { } y) => (f, f.AddYears(y).AddDays(-1)),
            ({ } f, null, null) => (f, defaults.To),
            (null, { } t, _) => (t.AddYears(-2).AddDays(1), t),
            (null, null, { } y) => (defaults.To.AddYears(-y).AddDays(1), defaults.To),
            (null, null, null) => (defaults.From, defaults.To),
        };
        if (to < from) errors["to"] = [$"to ({to:yyyy-MM-dd}) is before from ({from:yyyy-MM-dd})"];
        if (errors.Count > 0)
        {
            problems = errors;
            return null;
        }

        var parameters = (defaults with
        {
            From = from,
            To = to,
            Customers = Customers ?? defaults.Customers,
            Seed = Seed ?? defaults.Seed,
        }).Resolve(now);
        var invalid = parameters.Validate();
        if (invalid.Count > 0)
        {
            problems = new Dictionary<string, string[]> { ["parameters"] = [.. invalid] };
            return null;
        }
        problems = new Dictionary<string, string[]>();
        return parameters;
    }
}
