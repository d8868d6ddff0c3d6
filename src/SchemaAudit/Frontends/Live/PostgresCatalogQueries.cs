namespace SchemaAudit.Frontends.Live;

/// <summary>
/// The catalog queries, one per kind of object, each over every user table at once: the number
/// of queries does not grow with the number of tables. System schemas and extension-owned tables
/// are left out. Every query orders its rows, so the model is deterministic.
/// </summary>
internal static class PostgresCatalogQueries
{
    // Ordinary and partitioned tables in user schemas (partitions are audited through their parent).
    private const string UserTables = """
        c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'
        AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.deptype = 'e')
        """;

    public const string Database = """
        SELECT current_database(),
               (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database()),
               (SELECT count(*) > 0 FROM pg_stat_user_tables)
        """;

    public const string Tables = $$"""
        SELECT c.oid, n.nspname, c.relname, d.description, c.reltuples::bigint,
               CASE WHEN st.seq_tup_read + coalesce(st.idx_tup_fetch, 0) > 0 THEN st.seq_scan + coalesce(st.idx_scan, 0) ELSE 0 END
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_user_tables st ON st.relid = c.oid
        LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
        WHERE {{UserTables}}
        ORDER BY n.nspname, c.relname
        """;

    public const string Columns = $$"""
        SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_get_expr(ad.adbin, ad.adrelid), a.attidentity::text, a.attgenerated::text,
               t.typtype::text, tn.nspname, t.typname, d.description,
               CASE WHEN a.attcollation <> t.typcollation THEN co.collname END
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        JOIN pg_namespace tn ON tn.oid = t.typnamespace
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND {{UserTables}}
        ORDER BY a.attrelid, a.attnum
        """;

    /// <summary>Primary keys, unique, foreign-key and check constraints. <c>{0}</c>: the NULLS NOT DISTINCT expression.</summary>
    public const string ConstraintsTemplate = $$"""
        SELECT con.conrelid, con.conname, con.contype::text, con.conkey, fn.nspname, fc.relname, con.confkey,
               con.confdeltype::text, con.confupdtype::text, pg_get_constraintdef(con.oid), {0}, con.confrelid
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class fc ON fc.oid = con.confrelid
        LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
        LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype = 'u'
        WHERE con.contype IN ('p', 'u', 'f', 'c') AND {{UserTables}}
        ORDER BY con.conrelid, con.conname
        """;

    /// <summary>Indexes that do not back a primary key, unique or exclusion constraint, with their usage.</summary>
    public const string IndexesTemplate = $$"""
        SELECT i.indrelid, ic.relname, i.indisunique, am.amname, pg_get_indexdef(i.indexrelid), {0}, s.idx_scan
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_am am ON am.oid = ic.relam
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
        WHERE {{UserTables}}
          AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
        ORDER BY i.indrelid, ic.relname
        """;

    public const string Enums = """
        SELECT n.nspname, t.typname, e.enumlabel
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
        ORDER BY n.nspname, t.typname, e.enumsortorder
        """;

    /// <summary>User triggers that fire on UPDATE, with their function's source (to find <c>NEW.col := ...</c>).</summary>
    public const string Triggers = $$"""
        SELECT tg.tgrelid, tg.tgname, p.proname, p.prosrc
        FROM pg_trigger tg
        JOIN pg_proc p ON p.oid = tg.tgfoid
        JOIN pg_class c ON c.oid = tg.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT tg.tgisinternal AND (tg.tgtype & 16) <> 0 AND {{UserTables}}
        ORDER BY tg.tgrelid, tg.tgname
        """;
}
