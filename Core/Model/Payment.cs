namespace Ecom.Aspire.Core.Model;

/// <summary>A payment towards an order; an order may be paid in several parts (card + voucher).</summary>
public sealed class Payment
{
    public long OrderId { get; set; }
    /// <summary>1-based sequence within the order.</summary>
    public short Seq { get; set; }
    /// <summary>One of <see cref="PaymentTypes"/>.</summary>
    public string Type { get; set; } = PaymentTypes.CreditCard;
    public short Installments { get; set; } = 1;
    public decimal Amount { get; set; }
}
