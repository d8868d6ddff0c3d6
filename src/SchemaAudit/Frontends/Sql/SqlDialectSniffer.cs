using System.Text.RegularExpressions;

namespace SchemaAudit.Frontends.Sql;

/// <summary>
/// Which database a SQL file is written for, from markers only that dialect accepts. A file
/// with no marker (plain <c>CREATE TABLE t (id int)</c>) is <see cref="SqlDialect.Neutral"/>
/// and joins whichever dialect its project uses. T-SQL and ClickHouse are recognised so that
/// they can be set aside: the SQL parser reads PostgreSQL, SQLite and MySQL only, and a
/// finding built on a failed parse of another dialect would be noise.
/// Kept in one place so a T-SQL front-end can reuse the same test for the files it takes.
/// </summary>
public static partial class SqlDialectSniffer
{
    /// <summary>The dialect of one file, with the marker that decided it (for the diagnostic).</summary>
    public readonly record struct Verdict(SqlDialect Dialect, string? Evidence);

    /// <summary>Markers, strongest first. A file is the dialect with the most markers; T-SQL and ClickHouse win ties, being unmistakable.</summary>
    private static readonly (SqlDialect Dialect, Regex Pattern, string Evidence)[] s_markers =
    [
        (SqlDialect.TSql, TSqlGo(), "`GO` batch separators"),
        (SqlDialect.TSql, TSqlBrackets(), "`[dbo]`-style bracketed names"),
        (SqlDialect.TSql, TSqlKeywords(), "`CLUSTERED`, `IDENTITY(1,1)` or `NVARCHAR`"),
        (SqlDialect.ClickHouse, ClickHouseEngine(), "`ENGINE = …MergeTree`"),
        (SqlDialect.ClickHouse, ClickHouseTypes(), "`LowCardinality(…)`/`CODEC(…)` column types"),
        (SqlDialect.MySql, MySqlMarkers(), "`ENGINE=InnoDB`, `AUTO_INCREMENT` or `UNSIGNED`"),
        (SqlDialect.Sqlite, SqliteMarkers(), "`AUTOINCREMENT`, `PRAGMA` or `WITHOUT ROWID`"),
        (SqlDialect.PostgreSql, PostgresMarkers(), "`$$` bodies, `::` casts, `SERIAL`, `JSONB` or `CREATE EXTENSION`"),
    ];

    /// <summary>The dialect <paramref name="sql"/> is written in; <see cref="SqlDialect.Neutral"/> without a marker.</summary>
    public static Verdict Sniff(string sql)
    {
        Span<int> counts = stackalloc int[(int)SqlDialect.Count];
        var evidence = new string?[(int)SqlDialect.Count];
        foreach (var (dialect, pattern, text) in s_markers)
        {
            int found;
            try
            {
                found = pattern.Count(sql);
            }
            catch (RegexMatchTimeoutException)
            {
                continue; // a pathological file: no vote from this marker
            }
            if (found == 0) continue;
            counts[(int)dialect] += found;
            evidence[(int)dialect] ??= text;
        }
        // T-SQL and ClickHouse accept little of what the others write: any of their markers decides.
        foreach (var unmistakable in (ReadOnlySpan<SqlDialect>)[SqlDialect.TSql, SqlDialect.ClickHouse])
            if (counts[(int)unmistakable] >= 2 || (counts[(int)unmistakable] == 1 && Max(counts, exclude: unmistakable) == 0))
                return new Verdict(unmistakable, evidence[(int)unmistakable]);
        var best = SqlDialect.Neutral;
        for (var d = SqlDialect.MySql; d <= SqlDialect.PostgreSql; d++)
            if (counts[(int)d] > 0 && (best == SqlDialect.Neutral || counts[(int)d] > counts[(int)best])) best = d;
        return new Verdict(best, best == SqlDialect.Neutral ? null : evidence[(int)best]);
    }

    private static int Max(ReadOnlySpan<int> counts, SqlDialect exclude)
    {
        var max = 0;
        for (var i = 0; i < counts.Length; i++) if (i != (int)exclude) max = Math.Max(max, counts[i]);
        return max;
    }

    /// <summary>The name <see cref="Model.Schema.Dialect"/> uses; null for dialects the SQL front-end does not read.</summary>
    public static string? SchemaName(SqlDialect dialect) => dialect switch
    {
        SqlDialect.PostgreSql => "postgresql",
        SqlDialect.MySql => "mysql",
        SqlDialect.Sqlite => "sqlite",
        _ => null,
    };

    /// <summary>How a report names the dialect.</summary>
    public static string DisplayName(SqlDialect dialect) => dialect switch
    {
        SqlDialect.TSql => "T-SQL (SQL Server)",
        SqlDialect.ClickHouse => "ClickHouse",
        SqlDialect.MySql => "MySQL",
        SqlDialect.Sqlite => "SQLite",
        SqlDialect.PostgreSql => "PostgreSQL",
        _ => "plain SQL",
    };

    [GeneratedRegex(@"^[ \t]*GO[ \t]*;?[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex TSqlGo();

    [GeneratedRegex(@"\[dbo\]|\[\w+\]\.\[\w+\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex TSqlBrackets();

    [GeneratedRegex(@"\b(?:NONCLUSTERED|CLUSTERED|NVARCHAR|UNIQUEIDENTIFIER|DATETIME2|SYSDATETIME|NEWID\s*\(|IDENTITY\s*\(\s*\d+\s*,\s*\d+\s*\))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex TSqlKeywords();

    [GeneratedRegex(@"\bENGINE\s*=\s*\w*MergeTree\b|\bENGINE\s*=\s*(?:Distributed|Kafka|Buffer|Null)\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex ClickHouseEngine();

    [GeneratedRegex(@"\bLowCardinality\s*\(|\bCODEC\s*\(|\bNullable\s*\(\s*(?:String|U?Int\d+|Float\d+|DateTime)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex ClickHouseTypes();

    [GeneratedRegex(@"\bENGINE\s*=\s*(?:InnoDB|MyISAM|MEMORY)\b|\bAUTO_INCREMENT\b|\bUNSIGNED\b|\bDEFAULT\s+CHARSET\b|\bCOLLATE\s*=?\s*utf8|\bON\s+UPDATE\s+CURRENT_TIMESTAMP\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex MySqlMarkers();

    [GeneratedRegex(@"\bAUTOINCREMENT\b|^\s*PRAGMA\b|\bWITHOUT\s+ROWID\b|\bstrftime\s*\(", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex SqliteMarkers();

    [GeneratedRegex(@"\$\$|\$[A-Za-z_]\w*\$|::\s*[A-Za-z]|\b(?:BIG|SMALL)?SERIAL\b|\bJSONB\b|\bTIMESTAMPTZ\b|\bCREATE\s+(?:EXTENSION|SEQUENCE|(?:OR\s+REPLACE\s+)?FUNCTION\b[^;]*\bplpgsql)|\bAS\s+ENUM\b|\bUSING\s+(?:gin|gist|brin)\b|""public""\s*\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex PostgresMarkers();
}

/// <summary>SQL dialects told apart by <see cref="SqlDialectSniffer"/>. The order is used for ties: MySQL, SQLite, PostgreSQL.</summary>
public enum SqlDialect
{
    Neutral,
    TSql,
    ClickHouse,
    MySql,
    Sqlite,
    PostgreSql,
    Count,
}
