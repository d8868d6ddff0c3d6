using System.Reflection;

namespace SchemaAudit.Reporting;

/// <summary>
/// The reporters of this assembly by format name. A new format is a new file: any sealed
/// <see cref="IReporter"/> with a constructor taking <see cref="ReporterOptions"/> (or none)
/// is found here, as rules are found by <see cref="Rules.RuleRegistry"/>.
/// </summary>
public static class ReporterRegistry
{
    private static readonly Lazy<IReadOnlyList<Type>> s_types = new(() =>
        [.. typeof(IReporter).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IReporter).IsAssignableFrom(t)
                        && (t.GetConstructor([typeof(ReporterOptions)]) is not null || t.GetConstructor(Type.EmptyTypes) is not null))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)]);

    private static readonly Lazy<IReadOnlyDictionary<string, Type>> s_byFormat = new(() =>
        s_types.Value.ToDictionary(t => Create(t, ReporterOptions.Default).Format, StringComparer.OrdinalIgnoreCase));

    /// <summary>Format names, sorted (for <c>--help</c> and error messages).</summary>
    public static IReadOnlyList<string> Formats => [.. s_byFormat.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A new reporter for <paramref name="format"/> (case-insensitive), or null when no reporter has that name.</summary>
    public static IReporter? Find(string format, ReporterOptions? options = null) =>
        s_byFormat.Value.TryGetValue(format, out var type) ? Create(type, options ?? ReporterOptions.Default) : null;

    private static IReporter Create(Type type, ReporterOptions options) =>
        type.GetConstructor([typeof(ReporterOptions)]) is { } withOptions
            ? (IReporter)withOptions.Invoke([options])
            : (IReporter)Activator.CreateInstance(type)!;
}
