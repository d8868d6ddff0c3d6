using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Tests.Discovery;

namespace SchemaAudit.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static AuditConfig Parse(string yaml) => ConfigLoader.Parse(yaml, null, ".schema-audit.yml");

    private static string ErrorOf(string yaml) =>
        Assert.Throws<ConfigurationException>(() => Parse(yaml)).Message;

    [Fact]
    public void Reads_every_documented_setting()
    {
        var config = Parse("""
            rules:
              table-no-primary-key: off          # on/off/true/false
              fk-missing-index: { severity: suggestion }
              index-redundant: true
            severity:
              relationship-lazy-default: suggestion
            exclude:
              - "migrations/**"
              - "**/legacy_*.py"
            fail-on: warning
            """);

        Assert.False(config.IsEnabled("table-no-primary-key"));
        Assert.True(config.IsEnabled("index-redundant"));
        Assert.True(config.IsEnabled("fk-missing-index"));
        Assert.Equal(Severity.Suggestion, config.Severities["fk-missing-index"]);
        Assert.Equal(Severity.Suggestion, config.Severities["relationship-lazy-default"]);
        Assert.Equal(["migrations/**", "**/legacy_*.py"], config.Exclude);
        Assert.Equal(new FailOn(Severity.Warning), config.FailOn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("rules:\nseverity:\nexclude:\n")]
    public void Empty_files_and_sections_mean_defaults(string yaml)
    {
        var config = Parse(yaml);
        Assert.Empty(config.Rules);
        Assert.Empty(config.Severities);
        Assert.Empty(config.Exclude);
        Assert.Null(config.FailOn);
    }

    [Fact]
    public void Rules_that_is_not_a_mapping_is_reported_with_line_and_column()
    {
        Assert.Equal(".schema-audit.yml:4:3: expected a mapping of rule ids to on/off",
            ErrorOf("fail-on: warning\nexclude: []\nrules:\n  - table-no-primary-key\n"));
    }

    [Fact]
    public void Unknown_rule_id_is_reported_with_a_suggestion()
    {
        var message = ErrorOf("rules:\n  table-no-primary-keys: off\n");
        Assert.StartsWith(".schema-audit.yml:2:3: unknown rule id `table-no-primary-keys`", message, StringComparison.Ordinal);
        Assert.Contains("did you mean `table-no-primary-key`", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules:\n  table-no-primary-key: maybe\n", "2:25: expected on/off")]
    [InlineData("severity:\n  table-no-primary-key: loud\n", "2:25: expected a severity")]
    [InlineData("rules:\n  table-no-primary-key: { severity: high }\n", "2:37: expected a severity")]
    [InlineData("rules:\n  table-no-primary-key: { level: warning }\n", "2:27: unknown setting `level`")]
    [InlineData("fail-on: sometimes\n", "1:10: expected one of critical, warning, suggestion, info, none")]
    [InlineData("exclude:\n  - [a, b]\n", "2:5: expected a glob pattern")]
    [InlineData("exlude:\n  - a\n", "1:1: unknown setting `exlude` (did you mean `exclude`?)")]
    [InlineData("- just\n- a list\n", "1:1: expected a mapping")]
    public void Bad_values_are_reported_where_they_are(string yaml, string expected)
    {
        Assert.Contains(".schema-audit.yml:" + expected, ErrorOf(yaml), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules: {\n")]
    [InlineData("rules:\n  a: b\n c: d\n")]
    [InlineData("rules:\n  table-no-primary-key: off\n  table-no-primary-key: on\n")]
    public void Malformed_yaml_is_an_error_with_line_and_column(string yaml)
    {
        Assert.Matches(@"^\.schema-audit\.yml:\d+:\d+: ", ErrorOf(yaml));
    }

    [Fact]
    public void Configuration_is_found_in_the_nearest_folder_upwards()
    {
        _dir.Write(".schema-audit.yml", "fail-on: warning\n");
        _dir.Write("service/.schema-audit.yaml", "fail-on: suggestion\n");
        _dir.Write("service/app/models.py");
        _dir.Write("other/models.py");

        Assert.Equal(_dir["service/.schema-audit.yaml"], ConfigLoader.FindUpward(_dir["service/app"]));
        Assert.Equal(_dir["service/.schema-audit.yaml"], ConfigLoader.FindUpward(_dir["service/app/models.py"]));
        Assert.Equal(new FailOn(Severity.Suggestion), ConfigLoader.Load(_dir["service/app"]).FailOn);
        Assert.Equal(new FailOn(Severity.Warning), ConfigLoader.Load(_dir["other"]).FailOn);
    }

    [Fact]
    public void An_explicit_file_overrides_the_one_found_upwards()
    {
        _dir.Write(".schema-audit.yml", "fail-on: warning\n");
        var explicitFile = _dir.Write("ci/strict.yml", "fail-on: info\n");

        var config = ConfigLoader.Load(_dir.Path, explicitFile);

        Assert.Equal(new FailOn(Severity.Info), config.FailOn);
        Assert.Equal(explicitFile, config.SourcePath);
    }

    [Fact]
    public void A_missing_explicit_file_is_an_error()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(_dir.Path, _dir["missing.yml"]));
        Assert.Contains("configuration file not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_file_anywhere_gives_defaults()
    {
        // Temp folders have no configuration above them (unless the machine has one at /tmp or /).
        var found = ConfigLoader.FindUpward(_dir.Path);
        var config = ConfigLoader.Load(_dir.Path);
        if (found is null) Assert.Null(config.SourcePath);
        else Assert.Equal(found, config.SourcePath);
    }
}
