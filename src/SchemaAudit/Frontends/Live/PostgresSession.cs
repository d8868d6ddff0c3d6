using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace SchemaAudit.Frontends.Live;

/// <summary>
/// One read-only connection to a PostgreSQL server. The session is read-only twice over: the
/// connection's startup options set <c>default_transaction_read_only=on</c>, and every batch
/// runs inside <c>BEGIN READ ONLY</c> … <c>ROLLBACK</c>. Statement and connect timeouts keep a
/// slow server from hanging the audit. Driver errors leave as <see cref="LiveDatabaseException"/>
/// with a redacted message.
/// </summary>
public sealed class PostgresSession : IDisposable
{
    public const int StatementTimeoutMs = 30_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private readonly DatabaseTarget _target;

    private PostgresSession(NpgsqlDataSource dataSource, NpgsqlConnection connection, DatabaseTarget target)
    {
        _dataSource = dataSource;
        _connection = connection;
        _target = target;
    }

    /// <summary>Catalog queries sent so far (BEGIN and ROLLBACK not counted).</summary>
    public int QueryCount { get; private set; }

    /// <summary>Server version as <c>server_version_num</c> (150004 for 15.4).</summary>
    public int ServerVersionNumber => _connection.PostgreSqlVersion.Major * 10000 + Math.Max(0, _connection.PostgreSqlVersion.Minor);

    public static PostgresSession Open(DatabaseTarget target, CancellationToken cancellation = default)
    {
        if (target.Kind != DatabaseKind.PostgreSql) throw new ArgumentException("not a PostgreSQL target", nameof(target));
        // The slim builder keeps only the type handlers the catalog queries read (text, bool,
        // integers, oid, and int2[] through arrays): a smaller native binary and a faster start.
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = new NpgsqlSlimDataSourceBuilder(target.ConnectionString).EnableArrays().Build();
        }
        catch (ArgumentException ex)
        {
            throw Failure(target, "cannot connect to", ex);
        }
        var connection = dataSource.CreateConnection();
        try
        {
            connection.OpenAsync(cancellation).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            connection.Dispose();
            throw;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            connection.Dispose();
            dataSource.Dispose();
            throw Failure(target, "cannot connect to", ex);
        }
        return new PostgresSession(dataSource, connection, target);
    }

    /// <summary>
    /// Runs <paramref name="queries"/> as one round trip inside a read-only transaction that is
    /// rolled back, handing each result set to <paramref name="read"/> in order.
    /// </summary>
    public void ReadOnly(IReadOnlyList<string> queries, Action<int, DbDataReader> read) => ReadOnly(CancellationToken.None, queries, read);

    /// <summary>
    /// As <see cref="ReadOnly(IReadOnlyList{string}, Action{int, DbDataReader})"/>; when <paramref name="cancellation"/>
    /// fires, the driver's cancel request stops the statement on the server and the connection is closed, so
    /// no backend is left running a catalog query after the tool has gone.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void ReadOnly(CancellationToken cancellation, IReadOnlyList<string> queries, Action<int, DbDataReader> read)
    {
        cancellation.ThrowIfCancellationRequested();
        using var batch = new NpgsqlBatch(_connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN TRANSACTION READ ONLY"));
        foreach (var sql in queries) batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        try
        {
            // Npgsql's cancellation: a cancel request to the server, then (if it does not answer in time) a broken connection.
            using (var reader = batch.ExecuteReaderAsync(cancellation).GetAwaiter().GetResult())
            {
                // BEGIN returns no result set; Npgsql skips it, so result i is query i.
                for (var i = 0; i < queries.Count; i++)
                {
                    read(i, reader);
                    if (!reader.NextResultAsync(cancellation).GetAwaiter().GetResult() && i < queries.Count - 1)
                        throw new LiveDatabaseException($"{_target.DisplayName}: the server returned fewer result sets than queries");
                }
            }
            QueryCount += queries.Count;
        }
        catch (Exception ex) when (cancellation.IsCancellationRequested && ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            // The server stopped the statement at our request: close the session rather than talk to it again.
            _connection.Close();
            throw new OperationCanceledException("the catalog read was cancelled", cancellation);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or InvalidCastException)
        {
            throw Failure(_target, "cannot read the catalog of", ex);
        }
        finally
        {
            Rollback();
        }
    }


    /// <summary>Runs one statement the way the catalog queries run (tests use it to prove writes are refused).</summary>
    internal void ExecuteInReadOnlyTransaction(string sql)
    {
        using var batch = new NpgsqlBatch(_connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN TRANSACTION READ ONLY"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        try
        {
            batch.ExecuteNonQuery();
        }
        finally
        {
            Rollback();
        }
    }

    /// <summary>Runs one statement outside any explicit transaction: the session default applies.</summary>
    internal void ExecuteWithSessionDefaults(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection);
        command.ExecuteNonQuery();
    }

    private void Rollback()
    {
        if (_connection.State != System.Data.ConnectionState.Open) return;
        using var rollback = new NpgsqlCommand("ROLLBACK", _connection);
        try
        {
            rollback.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // Nothing to roll back (the batch failed before BEGIN): the session still holds no changes.
        }
    }

    private static LiveDatabaseException Failure(DatabaseTarget target, string what, Exception ex)
    {
        var reason = ex switch
        {
            PostgresException pg => $"{pg.MessageText} (SQLSTATE {pg.SqlState})",
            NpgsqlException { InnerException: SocketException socket } => socket.Message,
            NpgsqlException { InnerException: TimeoutException } => "the connection timed out",
            _ => ex.Message,
        };
        return new LiveDatabaseException($"{what} {target.DisplayName}: {SecretRedactor.Redact(reason, target.Password)}");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _dataSource.Dispose();
    }
}
