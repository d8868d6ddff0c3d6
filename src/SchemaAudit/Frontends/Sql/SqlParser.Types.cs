using System.Globalization;

namespace SchemaAudit.Frontends.Sql;

internal sealed partial class SqlParser
{
    /// <summary>
    /// A column type: a (qualified) name, multi-word forms (<c>double precision</c>,
    /// <c>character varying</c>, <c>timestamp(3) with time zone</c>), parameters, MySQL
    /// <c>unsigned</c>, and array suffixes (<c>text[]</c>, <c>int ARRAY</c>).
    /// </summary>
    private SqlTypeRef? ParseType()
    {
        var start = Cur;
        var name = ParseName("a column type");
        if (name is null) return null;
        var baseName = name.Name.ToLowerInvariant();
        if (baseName == "double" && AcceptWord("precision")) baseName = "double precision";
        if (baseName is "national" && (AcceptWord("character") || AcceptWord("char"))) baseName = "national character";
        if (baseName is "character" or "char" or "bit" or "national character" && AcceptWord("varying")) baseName += " varying";

        var numericArgs = new List<int>();
        List<string>? stringArgs = null;
        if (AtPunct('('))
        {
            _pos++;
            while (!AtPunct(')') && !AtStatementEnd)
            {
                var token = Cur;
                if (token.Kind == SqlTokenKind.Number && int.TryParse(Text(token), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && IsArgumentEnd(Peek(1)))
                    numericArgs.Add(value);
                if (token.Kind == SqlTokenKind.String && IsArgumentEnd(Peek(1)))
                    (stringArgs ??= []).Add(StringValue(token));
                var before = _pos;
                ReadExpression();
                if (!AcceptPunct(',') && _pos == before) break;
            }
            if (!ExpectPunct(')')) return null;
        }

        var withTimeZone = false;
        if (baseName is "timestamp" or "time")
        {
            if (AcceptWords("with", "time", "zone")) withTimeZone = true;
            else AcceptWords("without", "time", "zone");
        }
        if (baseName == "interval")
        {
            while (Cur.Kind == SqlTokenKind.Word && s_intervalFields.Contains(Text(Cur))) _pos++;
            SkipParenthesized();
        }
        while (AtWord("unsigned") || AtWord("signed") || AtWord("zerofill")) _pos++;

        var isArray = false;
        while (AtPunct('[') || AtWord("array"))
        {
            isArray = true;
            if (AcceptWord("array") && !AtPunct('[')) break;
            _pos++;
            while (!AtPunct(']') && !AtStatementEnd && !AtPunct(')') && !AtPunct(',')) _pos++;
            if (!ExpectPunct(']')) return null;
        }

        var (logical, length, isSerial) = SqlTypeMapper.Map(baseName, numericArgs, withTimeZone);
        if (SqlTypeMapper.DialectOf(baseName) is { } dialect) Vote(dialect);
        if (withTimeZone) Vote("postgresql");
        return new SqlTypeRef
        {
            Text = TextBetween(start.Start, Previous.End),
            BaseName = baseName,
            Logical = isArray ? Model.LogicalType.Array : logical,
            Length = isArray ? null : length,
            IsSerial = isSerial && !isArray,
            EnumValues = logical == Model.LogicalType.Enum ? stringArgs ?? [] : null,
        };
    }

    private bool IsArgumentEnd(SqlToken token) => IsPunct(token, ',') || IsPunct(token, ')');

    private static readonly HashSet<string> s_intervalFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "year", "month", "day", "hour", "minute", "second", "to",
    };
}
