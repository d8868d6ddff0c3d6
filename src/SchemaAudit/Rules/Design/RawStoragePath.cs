using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Design;

/// <summary>
/// A file path or storage URL kept as a raw string (<c>audio_path</c>, <c>avatar_url</c>, <c>s3_key</c>): every row is tied to
/// one storage backend and layout, and moving storage means rewriting the rows.
/// </summary>
public sealed class RawStoragePath : Rule
{
    private enum Shape { Path, Url, Key }

    private static readonly FrozenDictionary<string, Shape> s_shapes = new Dictionary<string, Shape>(StringComparer.Ordinal)
    {
        ["path"] = Shape.Path, ["filepath"] = Shape.Path, ["location"] = Shape.Path,
        ["url"] = Shape.Url, ["uri"] = Shape.Url,
        ["key"] = Shape.Key,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Words that say "a stored file or object".
    private static readonly FrozenSet<string> s_storageWords = new[]
    {
        "file", "audio", "image", "img", "photo", "picture", "avatar", "attachment", "upload", "blob", "object", "s3", "gcs",
        "bucket", "storage", "video", "document", "thumbnail", "thumb", "media", "asset", "cover", "logo", "icon", "pdf", "csv",
        "export", "recording", "voice", "backup", "archive", "artifact", "download", "screenshot", "resume", "banner", "transcript",
        "invoice", "receipt", "signature", "snapshot", "dump", "local", "disk", "filepath", "filename",
    }.ToFrozenSet(StringComparer.Ordinal);

    // URLs that point at pages or endpoints, not at stored objects.
    private static readonly FrozenSet<string> s_nonStorageWords = new[]
    {
        "website", "homepage", "home", "callback", "redirect", "webhook", "return", "login", "logout", "oauth", "auth", "repo",
        "repository", "git", "github", "api", "endpoint", "base", "server", "service", "host", "canonical", "share", "social",
        "linkedin", "twitter", "facebook", "tracking", "feed", "rss", "meeting", "join", "slug", "route", "cache", "signed",
        "presigned", "cdn",
    }.ToFrozenSet(StringComparer.Ordinal);

    // A column on the same row that records the backend makes the path relative to it.
    private static readonly FrozenSet<string> s_backendColumns = new[]
    {
        "bucket", "bucket_name", "storage_backend", "storage_provider", "storage_type", "backend", "provider", "storage", "storage_id",
        "storage_location_id", "volume", "volume_id",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "raw-storage-path",
        Title = "Raw file path or storage URL in a column",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Design,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "A column holding `/var/data/audio/123.wav` or `https://bucket.s3.amazonaws.com/...` bakes the storage backend, "
            + "bucket, host and directory layout into every row. Moving from local disk to object storage, renaming a bucket or "
            + "putting a CDN in front then needs a data migration over the whole table, and URLs cannot be signed or expired.",
        Fix = "Store a storage-neutral object key (relative to a bucket or root configured once) and build paths and URLs at read "
            + "time, or reference a `stored_files` table (backend, bucket, key, content type, size, checksum).",
        BadExample = """
            from sqlalchemy import Column, ForeignKey, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Message(Base):
                __tablename__ = "messages"
                id = Column(Integer, primary_key=True)
                session_id = Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
                content = Column(String)
                audio_path = Column(String, nullable=True)
            """,
        GoodExample = """
            from sqlalchemy import Column, ForeignKey, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Message(Base):
                __tablename__ = "messages"
                id = Column(Integer, primary_key=True)
                session_id = Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
                content = Column(String)
                audio_file_id = Column(Integer, ForeignKey("stored_files.id", ondelete="SET NULL"), nullable=True)
                callback_url = Column(String(2048))
            """,
        KnownProblems = "Judged from names: `*_path`, `*_url`, `*_uri`, `*_location` and `*_key` columns whose other words name a stored "
            + "file or object (audio, image, avatar, attachment, upload, s3, document, …). Page and endpoint URLs (website, callback, "
            + "webhook, redirect, …) are not reported, nor are paths on a row that also records its backend or bucket.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            bool? recordsBackend = null;
            foreach (var column in table.Columns)
            {
                if (column.Type != LogicalType.Text || Classify(column.Name) is not { } shape) continue;
                recordsBackend ??= table.Columns.Exists(c => s_backendColumns.Contains(c.Name));
                if (recordsBackend == true) continue;
                yield return Build(table, column, shape);
            }
        }
    }

    private static Shape? Classify(string name)
    {
        var words = NameHeuristics.Words(name);
        if (words.Count == 0) return null;
        if (words.Count == 1) return words[0] == "filepath" ? Shape.Path : null;
        if (!s_shapes.TryGetValue(words[^1], out var shape)) return null;
        var storage = false;
        for (var i = 0; i < words.Count - 1; i++)
        {
            if (s_nonStorageWords.Contains(words[i])) return null;
            storage |= s_storageWords.Contains(words[i]);
        }
        return storage ? shape : null;
    }

    private Finding Build(Table table, Column column, Shape shape)
    {
        var (holds, consequence) = shape switch
        {
            Shape.Path => ("a raw file path", "rows are tied to one machine's directory layout, and moving to object storage (S3, GCS) means rewriting every row"),
            Shape.Url => ("a raw storage URL", "the host, bucket and scheme are baked into every row, so changing storage or adding a CDN or signed URLs means rewriting every row"),
            _ => ("an object key with no backend or bucket recorded next to it", "the row cannot say where the object lives, so a second bucket or backend cannot be introduced without rewriting the rows"),
        };
        return Report(column.Span,
            $"Column `{table.Name}.{column.Name}` stores {holds}: {consequence}.",
            "Store a storage-neutral key relative to a bucket or root configured once, and build paths and URLs at read time; "
            + "or reference a `stored_files` table (backend, bucket, key, content type, size, checksum).",
            table: table.Name, column: column.Name);
    }
}
