using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Live;

/// <summary>
/// Where a live database object "is": there is no file, so the span's path is the database's
/// display name (never with a password) plus the object, e.g.
/// <c>postgresql://app@db:5432/shop#public.users.email</c>, and line 0 (reports print no line).
/// </summary>
internal static class LiveSpans
{
    public static SourceSpan Of(string databaseName, string objectName) => new($"{databaseName}#{objectName}", 0, 0, 0, 0);
}
