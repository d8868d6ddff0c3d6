namespace SchemaAudit.Model;

/// <summary>Where a schema view comes from. Rules that need ORM facts stay silent for the others.</summary>
public enum SchemaSourceKind { OrmModels, Migrations, SqlDdl, LiveDatabase }

/// <summary>
/// The unified schema model: everything every front-end produces and every rule reads.
/// One <see cref="Schema"/> is one "view" (models, migrations or a live database).
/// </summary>
public sealed class Schema
{
    public SchemaSourceKind SourceKind { get; set; } = SchemaSourceKind.OrmModels;

    /// <summary>SQL dialect when known (<c>postgresql</c>, <c>sqlite</c>, <c>mysql</c>); null when unknown.</summary>
    public string? Dialect { get; set; }

    /// <summary>What <see cref="Dialect"/> was decided from, for the reports (e.g. <c>drizzle-kit `dialect: "mysql"` (drizzle.config.ts)</c>); null when unknown.</summary>
    public string? DialectEvidence { get; set; }

    public List<Table> Tables { get; } = [];
    public List<EnumType> Enums { get; } = [];
    public List<Entity> Entities { get; } = [];
    public List<Relationship> Relationships { get; } = [];

    /// <summary>Files read (model files and others), with their size, for the report's statistics.</summary>
    public List<SourceFileInfo> Files { get; } = [];

    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>Files and directories the walk left out on purpose (configuration excludes, .gitignore), for "what was read".</summary>
    public List<ExcludedPath> Excluded { get; } = [];

    /// <summary>
    /// Migrations view: the history starts from a schema it does not create (it alters tables it
    /// never created), so a table missing from it may still exist.
    /// </summary>
    public bool HistoryLacksBaseline { get; set; }

    /// <summary>Live databases: true when usage statistics (index scans) were read.</summary>
    public bool HasUsageStatistics { get; set; }

    /// <summary>Live databases: when the usage statistics were last reset; null when never (or unknown).</summary>
    public DateTimeOffset? UsageStatisticsSince { get; set; }

    /// <summary>Columns kept up to date outside their declaration (event listeners, triggers).</summary>
    public List<UpdateHook> UpdateHooks { get; } = [];

    /// <summary>String literals that look like connection URLs (for <c>hardcoded-credentials</c>).</summary>
    public List<CodeLiteral> ConnectionStrings { get; } = [];

    /// <summary>What the application code does with the tables (deletes, NULL writes, timestamp writes); shared by every view.</summary>
    public CodeEvidence Evidence { get; set; } = CodeEvidence.None;

    /// <summary>
    /// Evidence in application code of how secrets are stored: names written through a hash or a cipher, and auth
    /// libraries that own their tables (for <c>plaintext-secret-column</c>). A fact about the project, shared by every view.
    /// </summary>
    public List<SecretHandling> SecretHandling { get; } = [];

    /// <summary>Inline <c># schema-audit: ignore[rule]</c> comments found while reading sources.</summary>
    public List<InlineSuppression> Suppressions { get; } = [];

    /// <summary>The table <paramref name="name"/> refers to, by schema and name (see <see cref="TableLookup"/>); rules use <c>RuleContext.FindTable</c>, built once.</summary>
    public Table? FindTable(string name) => new TableLookup(Tables).Find(name);
}

/// <summary>A file or directory (ending in <c>/</c>) not read, and why.</summary>
public sealed record ExcludedPath(string Path, string Reason);

public sealed record SourceFileInfo(string Path, int Lines, bool HasModels);

public sealed record EnumType(string Name, IReadOnlyList<string> Values, SourceSpan Span);

/// <summary>
/// A column maintained by code outside its declaration, e.g. an SQLAlchemy
/// <c>before_update</c> listener or a database trigger. <see cref="Table"/> null means
/// "every table that has this column" (a listener on a shared mixin or on the base).
/// </summary>
public sealed record UpdateHook(string? Table, string Column, string Mechanism, SourceSpan Span);

/// <summary>A literal in source code worth a security look (e.g. a database URL).</summary>
public sealed record CodeLiteral(string Value, SourceSpan Span);

public enum SecretHandlingKind
{
    /// <summary>The value named <see cref="SecretHandling.Name"/> is written through a hash (or checked against one).</summary>
    Hashed,
    /// <summary>The value is written through a cipher.</summary>
    Encrypted,
    /// <summary>The project depends on the auth library <see cref="SecretHandling.Name"/>, which owns its tables' contents.</summary>
    AuthLibrary,
}

/// <summary>
/// One piece of evidence about a secret's storage: <c>self.password = hash_password(pw)</c> gives
/// (<c>password</c>, Hashed, <c>hash_password</c>).
/// </summary>
/// <param name="Name">The attribute, key or column written (as in the code), or the library's package name.</param>
/// <param name="Mechanism">The call or package that is the evidence, for messages and tests.</param>
public sealed record SecretHandling(string Name, SecretHandlingKind Kind, string Mechanism, SourceSpan Span);

/// <summary>An inline ignore comment: the rule ids it names (empty = all rules), where it stands.</summary>
public sealed record InlineSuppression(IReadOnlyList<string> RuleIds, SourceSpan Span)
{
    /// <summary>
    /// The line whose findings it suppresses besides its own: the next line of code for a comment
    /// on a line of its own. 0 when unknown (then the line below <see cref="Span"/>).
    /// </summary>
    public int AppliesToLine { get; init; }
}
