using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Live;

/// <summary>What reading a live database produced: the schema view and how many catalog queries it took.</summary>
public sealed record LiveReadResult(Schema Schema, int QueryCount, TimeSpan Elapsed);

/// <summary>Reads a database named by a <see cref="DatabaseTarget"/> into a <see cref="SchemaSourceKind.LiveDatabase"/> view.</summary>
public static class LiveIntrospection
{
    /// <exception cref="LiveDatabaseException">The database cannot be reached or read (message without password).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired (PostgreSQL: the running query is cancelled on the server).</exception>
    public static LiveReadResult Read(DatabaseTarget target, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (target.Kind == DatabaseKind.Sqlite)
        {
            var sqlite = new SqliteIntrospector(target);
            var schema = sqlite.Read();
            return new LiveReadResult(schema, sqlite.QueryCount, clock.Elapsed);
        }
        var postgres = new PostgresIntrospector(target);
        var pgSchema = postgres.Read(cancellation);
        return new LiveReadResult(pgSchema, postgres.QueryCount, clock.Elapsed);
    }
}
