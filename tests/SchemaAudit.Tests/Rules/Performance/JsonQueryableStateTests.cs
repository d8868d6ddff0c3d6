using SchemaAudit.Model;
using SchemaAudit.Rules.Performance;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.Performance;

public sealed class JsonQueryableStateTests
{
    [Theory]
    [InlineData("node_sync_status", true)]
    [InlineData("status", true)]
    [InlineData("flags", true)]
    [InlineData("feature_flags", true)]
    [InlineData("processingState", true)]
    [InlineData("sync_progress", true)]
    [InlineData("metadata", false)]
    [InlineData("ui_state", false)]
    [InlineData("sync_settings", false)]
    [InlineData("state_history", false)]
    [InlineData("statistics", false)]
    [InlineData("node_sync_detail", false)]
    public void Judges_state_from_the_column_name(string name, bool fires)
    {
        var table = Table("sessions", 1, Col(name, LogicalType.Json, 7));
        var findings = Run(new JsonQueryableState(), Schema(table));
        Assert.Equal(fires ? 1 : 0, findings.Count);
        if (fires) Assert.Equal(7, findings[0].Span.Line);
    }

    [Fact]
    public void Text_columns_and_indexed_json_are_not_reported()
    {
        var table = Table("sessions", 1, Col("status", LogicalType.Text, 2), Col("sync_state", LogicalType.Jsonb, 3));
        var expression = Idx("ix_phase", 5, "(sync_state ->> 'phase')");
        expression.IsExpression[0] = true;
        table.Indexes.Add(expression);

        Assert.Empty(Run(new JsonQueryableState(), Schema(table)));
    }
}
