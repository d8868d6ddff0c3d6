using BenchmarkDotNet.Attributes;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Python;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Bench;

/// <summary>In-process costs of the parser and of the whole audit on generated projects (files already in memory).</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private List<SourceFile> _files = [];

    [Params(100, 1000, 5000)]
    public int Tables { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"schema-audit-bench-{Tables}");
        if (!Directory.Exists(dir)) ProjectGenerator.Generate(dir, Tables);
        _files = [.. Directory.EnumerateFiles(dir, "*.py", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => new SourceFile(p, Path.GetRelativePath(dir, p).Replace('\\', '/'), File.ReadAllText(p)))];
    }

    [Benchmark]
    public int ParsePython()
    {
        var statements = 0;
        foreach (var file in _files)
            statements += PyParser.Parse(file.RelativePath, file.Text).Body.Count;
        return statements;
    }

    [Benchmark]
    public int BuildModelAndAudit()
    {
        var schema = AuditRunner.BuildSchema(_files);
        return AuditRunner.Audit(schema, ".", AuditConfig.Default).Findings.Count;
    }
}
