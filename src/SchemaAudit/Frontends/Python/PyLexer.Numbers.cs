namespace SchemaAudit.Frontends.Python;

public sealed partial class PyLexer
{
    /// <summary>Integers (decimal, 0x, 0o, 0b), floats with exponents, imaginary <c>j</c>, with <c>_</c> separators.</summary>
    private void LexNumber()
    {
        var start = _pos;
        var i = _pos;
        if (_text[i] == '0' && i + 1 < _text.Length && char.ToLowerInvariant(_text[i + 1]) is 'x' or 'o' or 'b')
        {
            var radix = char.ToLowerInvariant(_text[i + 1]);
            i += 2;
            var digitsStart = i;
            while (i < _text.Length && (_text[i] == '_' || IsDigitOf(radix, _text[i]))) i++;
            if (i == digitsStart) Error(start, radix switch { 'x' => "invalid hexadecimal literal", 'o' => "invalid octal literal", _ => "invalid binary literal" });
        }
        else
        {
            var integerStart = i;
            i = SkipDigits(i);
            var isInteger = true;
            if (i < _text.Length && _text[i] == '.')
            {
                isInteger = false;
                i = SkipDigits(i + 1);
            }
            if (i < _text.Length && _text[i] is 'e' or 'E')
            {
                var exponent = i + 1;
                if (exponent < _text.Length && _text[exponent] is '+' or '-') exponent++;
                if (exponent < _text.Length && char.IsAsciiDigit(_text[exponent]))
                {
                    isInteger = false;
                    i = SkipDigits(exponent);
                }
                else
                {
                    Error(start, "invalid float literal: exponent has no digits");
                    i = exponent;
                }
            }
            if (i < _text.Length && _text[i] is 'j' or 'J') { i++; isInteger = false; }
            if (isInteger && i - integerStart > 1 && _text[integerStart] == '0' && _text.AsSpan(integerStart, i - integerStart).ContainsAnyExcept('0', '_'))
                Error(start, "leading zeros in decimal integer literals are not permitted");
        }

        if (_text[i - 1] == '_') Error(start, "invalid decimal literal: trailing underscore");
        _pos = i;
        Add(PyTokenKind.Number, start, i - start);
    }

    private int SkipDigits(int i)
    {
        while (i < _text.Length && (char.IsAsciiDigit(_text[i]) || (_text[i] == '_' && i + 1 < _text.Length && char.IsAsciiDigit(_text[i + 1])))) i++;
        return i;
    }

    private static bool IsDigitOf(char radix, char c) => radix switch
    {
        'x' => char.IsAsciiHexDigit(c),
        'o' => c is >= '0' and <= '7',
        _ => c is '0' or '1',
    };
}
