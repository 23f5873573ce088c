namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// CPF (Cadastro de Pessoas Físicas): nine base digits and two check digits (modulo 11, weights 10..2 then 11..2).
/// Stored as 11 digits without punctuation.
/// </summary>
public static class Cpf
{
    /// <summary>A CPF with valid check digits from nine base digits (0..999,999,999).</summary>
    public static string FromBase(int baseNumber)
    {
        if (baseNumber is < 0 or > 999_999_999) throw new ArgumentOutOfRangeException(nameof(baseNumber));
        return string.Create(11, baseNumber, static (span, n) =>
        {
            for (var i = 8; i >= 0; i--)
            {
                span[i] = (char)('0' + n % 10);
                n /= 10;
            }
            span[9] = (char)('0' + CheckDigit(span[..9], 10));
            span[10] = (char)('0' + CheckDigit(span[..10], 11));
        });
    }

    /// <summary>A random valid CPF, never one of the repeated-digit numbers (000.000.000-00 ...) that the Receita rejects.</summary>
    public static string Generate(Random random) => FromBase(RandomBase(random.Next(0, 1_000_000_000)));

    internal static string Generate(ref SimRandom rng) => FromBase(RandomBase(rng.Next(1_000_000_000)));

    private static int RandomBase(int n) => n == 0 ? 1 : n % 111_111_111 == 0 ? n - 1 : n;

    /// <summary>True for 11 digits (punctuation "000.000.000-00" allowed) with both check digits right, not all the same digit.</summary>
    public static bool IsValid(string? cpf)
    {
        if (cpf is null) return false;
        Span<char> digits = stackalloc char[11];
        var count = 0;
        foreach (var c in cpf)
        {
            if (c is >= '0' and <= '9')
            {
                if (count == 11) return false;
                digits[count++] = c;
            }
            else if (c is not ('.' or '-' or ' ')) return false;
        }
        if (count != 11) return false;
        var allSame = true;
        for (var i = 1; i < 11; i++) allSame &= digits[i] == digits[0];
        if (allSame) return false;
        return digits[9] - '0' == CheckDigit(digits[..9], 10) && digits[10] - '0' == CheckDigit(digits[..10], 11);
    }

    private static int CheckDigit(ReadOnlySpan<char> digits, int firstWeight)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++) sum += (digits[i] - '0') * (firstWeight - i);
        var rest = sum * 10 % 11;
        return rest == 10 ? 0 : rest;
    }
}
