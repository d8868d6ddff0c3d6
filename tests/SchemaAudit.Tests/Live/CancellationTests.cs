using System.Diagnostics;
using Npgsql;
using SchemaAudit.Cli;

namespace SchemaAudit.Tests.Live;

/// <summary>
/// Ctrl-C during introspection cancels the running catalog query on the server and closes the
/// connection: no backend is left waiting for the statement timeout after the tool has gone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CancellationTests(PostgresServer server)
{
    [SkippableFact]
    public void Cancelling_a_blocked_live_audit_leaves_no_backend_behind()
    {
        var database = server.CreateDatabase(LiveTestSupport.Fixture("live/full_schema.sql"));
        using var locker = server.OpenAdmin(database);
        using var watcher = server.OpenAdmin(database);
        // Another session holds a catalog table the introspection reads: the audit's query blocks on it.
        using var transaction = locker.BeginTransaction();
        PostgresServer.Execute(locker, "LOCK TABLE pg_catalog.pg_trigger IN ACCESS EXCLUSIVE MODE");

        using var cancel = new CancellationTokenSource();
        var stderr = new StringWriter();
        var audit = Task.Run(() => CliApp.Run(["audit", "--db", server.Url(database)], new StringWriter(), stderr,
            TestPaths.RepositoryRoot, CliEnvironment.Detached, cancel.Token));

        Assert.True(WaitFor(() => Backends(watcher, waitingOnLock: true) == 1, TimeSpan.FromSeconds(20)),
            "the audit's catalog query never blocked on the lock");
        var clock = Stopwatch.StartNew();
        cancel.Cancel();

        Assert.True(audit.Wait(TimeSpan.FromSeconds(5)), "the audit did not stop after cancellation");
        Assert.Equal(ExitCodes.Cancelled, audit.Result);
        Assert.True(WaitFor(() => Backends(watcher, waitingOnLock: false) == 0, TimeSpan.FromSeconds(2)),
            "a schema-audit backend is still in pg_stat_activity 2 s after cancellation");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"cleaning up took {clock.Elapsed}");
        Assert.Contains("cancelled", stderr.ToString(), StringComparison.Ordinal);
        transaction.Rollback();
    }

    /// <summary>Backends of the tool (its application name), or only those waiting on a lock.</summary>
    private static long Backends(NpgsqlConnection watcher, bool waitingOnLock)
    {
        using var command = new NpgsqlCommand(
            "SELECT pg_stat_clear_snapshot(); SELECT count(*) FROM pg_stat_activity WHERE application_name = 'schema-audit'"
            + (waitingOnLock ? " AND wait_event_type = 'Lock'" : ""), watcher);
        using var reader = command.ExecuteReader();
        reader.NextResult();
        reader.Read();
        return reader.GetInt64(0);
    }

    private static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition()) return true;
            Thread.Sleep(50);
        }
        return condition();
    }
}
