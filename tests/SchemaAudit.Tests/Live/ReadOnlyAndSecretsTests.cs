using Npgsql;
using SchemaAudit.Frontends.Live;

namespace SchemaAudit.Tests.Live;

/// <summary>The tool changes nothing in a live database and never prints its password.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadOnlyAndSecretsTests(PostgresServer server)
{
    private static (long Commits, long Writes) Activity(NpgsqlConnection admin, string database)
    {
        using var command = new NpgsqlCommand(
            $"SELECT pg_stat_force_next_flush(); SELECT tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = '{database}'", admin);
        using var reader = command.ExecuteReader();
        reader.NextResult();
        reader.Read();
        return (0, reader.GetInt64(0));
    }

    [SkippableFact]
    public void Every_query_runs_in_a_read_only_session_and_transaction()
    {
        var database = server.CreateDatabase(LiveTestSupport.Fixture("live/full_schema.sql"));
        var target = DatabaseTarget.Parse(server.Url(database), Directory.GetCurrentDirectory());
        using var session = PostgresSession.Open(target);
        // The same owner role can write (the fixture did): only the session settings refuse it.
        var inTransaction = Assert.Throws<PostgresException>(() => session.ExecuteInReadOnlyTransaction("INSERT INTO orgs (name) VALUES ('x')"));
        Assert.Equal("25006", inTransaction.SqlState);
        Assert.Contains("read-only transaction", inTransaction.MessageText, StringComparison.Ordinal);
        var bySessionDefault = Assert.Throws<PostgresException>(() => session.ExecuteWithSessionDefaults("CREATE TABLE intruder (id int)"));
        Assert.Equal("25006", bySessionDefault.SqlState);
    }

    [SkippableFact]
    public void A_full_audit_changes_nothing()
    {
        var database = server.CreateDatabase(LiveTestSupport.Fixture("live/full_schema.sql"));
        using var admin = server.OpenAdmin(database);
        var before = Activity(admin, database);
        var (code, _, err) = LiveTestSupport.RunCli("audit", "--db", server.Url(database), "--format", "json", "--fail-on", "none");
        Assert.True(code == 0, err);
        var after = Activity(admin, database);
        Assert.Equal(before.Writes, after.Writes);
        using var count = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relname = 'intruder'", admin);
        Assert.Equal(0L, count.ExecuteScalar());
    }

    [SkippableFact]
    public void The_password_never_appears_in_a_successful_run()
    {
        var database = server.CreateDatabase(LiveTestSupport.Fixture("live/full_schema.sql"));
        foreach (var command in new[] { "audit", "schema" })
        {
            foreach (var format in command == "audit" ? new[] { "console", "markdown", "json" } : ["json"])
            {
                var (code, stdout, stderr) = LiveTestSupport.RunCli(command, "--db", server.Url(database), "--format", format, "--verbose");
                Assert.True(code is 0 or 1, stderr);
                Assert.DoesNotContain(PostgresServer.AuditPassword, stdout + stderr, StringComparison.Ordinal);
                Assert.Contains($"postgresql://{PostgresServer.AuditUser}@127.0.0.1:{server.Port}/{database}", stdout + stderr, StringComparison.Ordinal);
            }
        }
    }

    [SkippableFact]
    public void A_wrong_password_exits_2_without_printing_it()
    {
        var database = server.CreateDatabase();
        const string wrong = "Wrong-Password-42";
        foreach (var connection in new[] { server.Url(database, wrong), $"Host=127.0.0.1;Port={server.Port};Database={database};Username={PostgresServer.AuditUser};Password={wrong}" })
        {
            var (code, stdout, stderr) = LiveTestSupport.RunCli("audit", "--db", connection, "--verbose");
            Assert.Equal(2, code);
            Assert.Contains("password authentication failed", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, stdout + stderr, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void An_unreachable_host_exits_2_without_printing_the_password()
    {
        var (code, stdout, stderr) = LiveTestSupport.RunCli("audit", "--db", "postgresql://someone:Hunter2-Secret@127.0.0.1:1/app?connect_timeout=3");
        Assert.Equal(2, code);
        Assert.Contains("cannot connect to postgresql://someone@127.0.0.1:1/app", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunter2-Secret", stdout + stderr, StringComparison.Ordinal);
    }
}
