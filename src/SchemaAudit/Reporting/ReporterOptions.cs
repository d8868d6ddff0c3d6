namespace SchemaAudit.Reporting;

/// <summary>Settings the command line decides and passes to every reporter (each uses what applies to it).</summary>
public sealed record ReporterOptions
{
    public static ReporterOptions Default { get; } = new();

    /// <summary>Colour in console output. The console reporter still honours <c>NO_COLOR</c>.</summary>
    public bool UseColor { get; init; }

    /// <summary>Console width in characters; null uses <see cref="DefaultWidth"/> (output is usually not a terminal).</summary>
    public int? Width { get; init; }

    public const int DefaultWidth = 120;

    /// <summary>
    /// The audited root relative to the repository root (<c>backend/</c>, or empty), so SARIF locations
    /// are relative to the repository as code-scanning services expect.
    /// </summary>
    public string RepositoryPrefix { get; init; } = "";

    /// <summary>Reads source lines for code excerpts (HTML); null shows none.</summary>
    public Html.SourceExcerpts? Excerpts { get; init; }
}
