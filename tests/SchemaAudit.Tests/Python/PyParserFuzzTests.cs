using System.Globalization;
using System.Text;
using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Tests.Python;

/// <summary>
/// Mutation fuzzing of the parser over the model files in <c>tests/fixtures/python/</c>: no input may
/// throw, hang or overflow the stack; every run returns a complete, position-consistent tree; and a
/// tree with an error node always comes with a diagnostic. See docs/fuzzing.md for long runs.
/// </summary>
public sealed class PyParserFuzzTests
{
    private const int DefaultIterations = 10_000;
    private const int DefaultSeed = 20_261_122;

    [Fact]
    public async Task Mutated_model_files_never_break_the_parser()
    {
        var iterations = ReadSetting("SCHEMA_AUDIT_FUZZ_ITERATIONS", DefaultIterations);
        var seed = ReadSetting("SCHEMA_AUDIT_FUZZ_SEED", DefaultSeed);
        var corpus = Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "python"), "*.py")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
        Assert.True(corpus.Count >= 5, "the fuzz corpus needs the fixture model files");

        // On a thread-pool thread (a smaller stack than the main thread), with a time limit so a hang fails the test.
        var limit = TimeSpan.FromMinutes(iterations <= DefaultIterations ? 2 : 24 * 60);
        var failure = await Task.Run(() => Fuzz(corpus, seed, iterations)).WaitAsync(limit);
        Assert.True(failure is null, failure);
    }

    private static string? Fuzz(List<string> corpus, int seed, int iterations)
    {
        var mutator = new PyMutator(seed, corpus);
        for (var i = 0; i < iterations; i++)
        {
            var input = mutator.Next();
            string? problem;
            try
            {
                problem = Check(input);
            }
#pragma warning disable CA1031 // the point of the test is to report any exception as a failure with its input
            catch (Exception ex)
#pragma warning restore CA1031
            {
                problem = ex.ToString();
            }
            if (problem is not null)
            {
                var repro = Path.Combine(Path.GetTempPath(), $"schema-audit-fuzz-{seed}-{i}.py");
                File.WriteAllText(repro, input, new UTF8Encoding(false, false)); // lone surrogates become U+FFFD
                return $"iteration {i} (seed {seed}), input saved to {repro}:\n{problem}";
            }
        }
        return null;
    }

    private static string? Check(string input)
    {
        var module = PyParser.Parse("fuzz.py", input);
        if (module is null || module.Body is null || module.Diagnostics is null || module.Comments is null) return "incomplete module";
        if (PyTree.FindViolation(module, out var hasErrorNode) is { } violation) return violation;
        if (hasErrorNode && module.Diagnostics.Count == 0) return "the tree has an error node but there is no diagnostic";
        foreach (var d in module.Diagnostics)
        {
            if (d.Span.Line < 1 || d.Span.Column < 1) return $"diagnostic without a position: {d}";
        }
        return null;
    }

    private static int ReadSetting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}
