using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SchemaAudit.Tests.Live;

/// <summary>
/// A throwaway PostgreSQL server for the live tests: <c>initdb</c> into a temporary directory (as the
/// <c>postgres</c> OS user when the tests run as root, which PostgreSQL refuses), started on 127.0.0.1
/// and a free port, with a superuser and an audit role that log in with passwords. Everything is
/// removed afterwards. Without the binaries the tests that need the server report themselves skipped,
/// saying what to install (<see cref="ExternalPrograms"/>).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string AuditUser = "audit_user";
    public const string AuditPassword = "S3cret-Pa55word-xyzzy";
    private const string SuperPassword = "Super-Secret-Admin-Pw";

    private readonly string _directory = "";
    private readonly string _bin = "";
    private readonly bool _asPostgresUser;
    private readonly int _port;
    private int _databases;

    public PostgresServer()
    {
        if (FindBinaries() is not { } bin)
        {
            MissingReason = "PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH: "
                + "the live-database tests need them (`apt-get install -y postgresql`; .ci/run does this)";
            return;
        }
        _bin = bin;
        _asPostgresUser = Environment.UserName == "root";
        _directory = Path.Combine(Path.GetTempPath(), "schema-audit-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        var passwordFile = Path.Combine(_directory, "pw");
        File.WriteAllText(passwordFile, SuperPassword + "\n");
        if (_asPostgresUser) Run("chown", "-R", "postgres:postgres", _directory);
        _port = FreePort();
        var data = Path.Combine(_directory, "data");
        RunPostgres("initdb", "-D", data, "-U", "postgres", "--pwfile", passwordFile, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync");
        RunPostgres("pg_ctl", "start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(_directory, "server.log"),
            "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory} -c fsync=off -c track_counts=on");
        using var admin = OpenAdmin("postgres");
        Execute(admin, $"CREATE ROLE {AuditUser} LOGIN PASSWORD '{AuditPassword}'");
    }

    /// <summary>Why the server could not be started (binaries missing); null when it runs.</summary>
    public string? MissingReason { get; }

    /// <summary>The server's port; skips the calling test when there is no server.</summary>
    public int Port
    {
        get
        {
            ExternalPrograms.Require(MissingReason);
            return _port;
        }
    }

    /// <summary>Creates an empty database owned by the audit role; returns its name.</summary>
    public string CreateDatabase(string? sql = null)
    {
        ExternalPrograms.Require(MissingReason);
        var name = $"db{Interlocked.Increment(ref _databases)}";
        using (var admin = OpenAdmin("postgres")) Execute(admin, $"CREATE DATABASE {name} OWNER {AuditUser}");
        if (sql is not null) ExecuteAsOwner(name, sql);
        return name;
    }

    /// <summary>Runs SQL as the database owner (a normal read-write session, for setting up fixtures).</summary>
    public void ExecuteAsOwner(string database, string sql)
    {
        using var connection = new NpgsqlConnection(OwnerConnectionString(database));
        connection.Open();
        Execute(connection, sql);
    }

    public string OwnerConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={AuditUser};Password={AuditPassword};Pooling=false";

    /// <summary>The URL a user would pass to <c>--db</c>.</summary>
    public string Url(string database, string? password = AuditPassword) =>
        $"postgresql://{AuditUser}:{Uri.EscapeDataString(password ?? "")}@127.0.0.1:{Port}/{database}?sslmode=disable";

    public NpgsqlConnection OpenAdmin(string database)
    {
        var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Password={SuperPassword};Pooling=false");
        connection.Open();
        return connection;
    }

    public static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string? FindBinaries()
    {
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var dirs = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d.EndsWith("/15", StringComparison.Ordinal)).ThenByDescending(d => d, StringComparer.Ordinal);
            foreach (var dir in dirs)
                if (File.Exists(Path.Combine(dir, "bin", "initdb"))) return Path.Combine(dir, "bin");
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        return null;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void RunPostgres(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        if (_asPostgresUser) Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else Run(path, args);
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{file} did not finish"); }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
    }

    public void Dispose()
    {
        if (MissingReason is not null) return;
        try
        {
            RunPostgres("pg_ctl", "stop", "-w", "-m", "immediate", "-D", Path.Combine(_directory, "data"));
        }
        catch (InvalidOperationException)
        {
            // Already stopped: nothing to do but remove the files.
        }
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
