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
}
