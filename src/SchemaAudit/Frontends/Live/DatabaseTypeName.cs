using System.Globalization;
using System.Text.RegularExpressions;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Live;

/// <summary>
/// Maps a type name as a catalog spells it (PostgreSQL <c>format_type</c>: <c>character varying(40)</c>,
/// <c>timestamp(3) with time zone</c>, <c>integer[]</c>; a SQLite declared type: <c>VARCHAR(40)</c>)
/// to <see cref="LogicalType"/> through the SQL front-end's mapper, so a column reads the same
/// from DDL and from the database.
/// </summary>
internal static partial class DatabaseTypeName
{
    [GeneratedRegex(@"^(?<name>[a-z_][a-z0-9_ ]*?)\s*(?:\((?<args>[^)]*)\))?\s*(?<tz>with(?:out)? time zone)?\s*(?<array>(?:\[\d*\])+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Shape();

    public static (LogicalType Type, int? Length) Map(string typeText)
    {
        var text = typeText.Trim();
        var match = Shape().Match(text);
        if (!match.Success) return (LogicalType.Unknown, null);
        if (match.Groups["array"].Success) return (LogicalType.Array, null);
        var name = match.Groups["name"].Value.Trim().ToLowerInvariant();
        // A schema-qualified user type (public.mood) never matches the pattern's dots: it is handled by the caller as an enum.
        var args = new List<int>();
        foreach (var part in match.Groups["args"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) args.Add(n);
        var withTimeZone = match.Groups["tz"].Value.StartsWith("with ", StringComparison.OrdinalIgnoreCase);
        var (type, length, _) = SqlTypeMapper.Map(name, args, withTimeZone);
        return (type, length);
    }
}
