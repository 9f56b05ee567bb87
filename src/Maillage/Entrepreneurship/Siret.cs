namespace Maillage.Entrepreneurship;

/// <summary>
/// The SIRET of a French establishment: 14 digits whose Luhn key is valid (INSEE). La Poste's establishments
/// (SIREN 356 000 000) follow another rule: the sum of their digits is a multiple of 5.
/// </summary>
public static class Siret
{
    public const string LaPosteSiren = "356000000";

    /// <summary>The digits of <paramref name="text"/> without spaces, or null when it is not 14 digits.</summary>
    public static string? Normalise(string? text)
    {
        if (text is null) return null;
        var digits = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        return digits.Length == 14 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static bool IsValid(string? text)
    {
        var digits = Normalise(text);
        if (digits is null) return false;
        if (digits.StartsWith(LaPosteSiren, StringComparison.Ordinal) && digits != LaPosteSiren + "00012")
            return digits.Sum(c => c - '0') % 5 == 0;
        return Luhn(digits);
    }

    /// <summary>Luhn: from the right, every second digit doubled (minus 9 above 9); the sum is a multiple of 10.</summary>
    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
