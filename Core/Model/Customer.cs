namespace Ecom.Aspire.Core.Model;

/// <summary>A marketplace customer (one person, the Olist "customer_unique_id").</summary>
public sealed class Customer
{
    public long Id { get; set; }
    /// <summary>The simulation run (or import) that wrote this row.</summary>
    public int? RunId { get; set; }
    /// <summary>CPF, 11 digits with valid check digits.</summary>
    public string? Cpf { get; set; }
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string City { get; set; } = "";
    /// <summary>UF code, e.g. "SP".</summary>
    public string State { get; set; } = "";
    /// <summary>First five digits of the CEP.</summary>
    public string? ZipPrefix { get; set; }
    /// <summary>Simulated persona (<see cref="Personas"/>); null for imported data.</summary>
    public string? Persona { get; set; }
    public DateTimeOffset SignupAt { get; set; }
}
