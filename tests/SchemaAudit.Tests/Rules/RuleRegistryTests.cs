using SchemaAudit.Reporting;
using SchemaAudit.Rules;

namespace SchemaAudit.Tests.Rules;

/// <summary>
/// The registries are written at compile time (SchemaAudit.Generators) so the native CLI needs no
/// reflection; here reflection checks that the generated lists miss no rule and no reporter.
/// </summary>
public sealed class RuleRegistryTests
{
    [Fact]
    public void Every_rule_class_in_the_assembly_is_registered()
    {
        var classes = typeof(Rule).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(Rule)))
            .Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();
        var registered = RuleRegistry.All.Select(r => r.GetType().FullName!).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(classes);
        Assert.Equal(classes, registered);
    }

    [Fact]
    public void Rules_are_sorted_by_id_and_unique()
    {
        var ids = RuleRegistry.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_reporter_class_in_the_assembly_has_a_format()
    {
        var classes = typeof(IReporter).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IReporter).IsAssignableFrom(t))
            .Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();
        var registered = ReporterRegistry.Formats.Select(f => ReporterRegistry.Find(f)!.GetType().FullName!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(classes, registered);
    }
}
