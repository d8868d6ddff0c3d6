namespace SchemaAudit.Reporting;

/// <summary>
/// The reporters of this assembly by format name. A new format is a new file: any concrete
/// <see cref="IReporter"/> with a constructor taking <see cref="ReporterOptions"/> (or none) is
/// listed here at compile time by SchemaAudit.Generators, as rules are in <see cref="Rules.RuleRegistry"/>.
/// </summary>
public static partial class ReporterRegistry
{
    private static readonly Lazy<IReadOnlyDictionary<string, Func<ReporterOptions, IReporter>>> s_byFormat = new(() =>
        ReporterFactories().ToDictionary(create => create(ReporterOptions.Default).Format, StringComparer.OrdinalIgnoreCase));

    /// <summary>Format names, sorted (for <c>--help</c> and error messages).</summary>
    public static IReadOnlyList<string> Formats => [.. s_byFormat.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A new reporter for <paramref name="format"/> (case-insensitive), or null when no reporter has that name.</summary>
    public static IReporter? Find(string format, ReporterOptions? options = null) =>
        s_byFormat.Value.TryGetValue(format, out var create) ? create(options ?? ReporterOptions.Default) : null;
}
