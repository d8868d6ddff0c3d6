using SchemaAudit.Configuration;

namespace SchemaAudit.Frontends.Live;

/// <summary>
/// A database that cannot be read: a connection string that does not parse, a server that does
/// not answer, a login that fails. The message never contains the password (it is built from
/// <see cref="DatabaseTarget.DisplayName"/> and redacted driver messages) and no driver exception
/// is kept as the inner exception, so nothing can print one later.
/// </summary>
public sealed class LiveDatabaseException : AuditInputException
{
    public LiveDatabaseException(string message) : base(message) { }

    public LiveDatabaseException() { }

    public LiveDatabaseException(string message, Exception inner) : base(message, inner) { }
}
