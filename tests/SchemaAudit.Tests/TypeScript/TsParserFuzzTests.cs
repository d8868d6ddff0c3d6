using System.Globalization;
using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Drizzle;
using SchemaAudit.Frontends.TypeScript;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.TypeScript;

/// <summary>
/// Seeded mutation fuzzing: real schema files are cut, spliced and salted with tokens that
/// break parsers (unclosed brackets, template openers, regex slashes). Every mutant must
/// parse and extract without an exception, end, and report diagnostics with valid positions.
/// <c>SCHEMA_AUDIT_FUZZ_ITERATIONS</c> runs longer; failures print the seed and iteration to replay.
/// </summary>
public sealed class TsParserFuzzTests
{
    private const int DefaultIterations = 5_000;

    private static readonly string[] s_salt =
    [
        "(", ")", "{", "}", "[", "]", "`", "${", "/", "/*", "*/", "//", "'", "\"", "\\", "<", ">", "=>", "?.", "...", ",", ";",
        ":", "!", "\n", "@", "#", "0x", "1n", "import ", "export ", "const ", "function ", "class ", "type ", "as ", "<T>",
        "pgTable(", ".references(() => ", "sql`", "relations(", "...timestamps", "\u2028", "\0",
    ];

    private static IEnumerable<string> Seeds()
    {
        var root = Path.Combine(TestPaths.Fixtures, "drizzle");
        foreach (var file in Directory.EnumerateFiles(root, "*.ts", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return File.ReadAllText(file);
        yield return """
            const re = /a[/]b/g.test(x) ? a / b / c : `t ${ `n ${ {a: [1, 2]}.a } ` }`;
            export default class X<T extends { a: string }> { @dec() m(): void { if (a) { return; } } }
            namespace N { export enum E { A = 1 << 2, B } }
            function* gen(this: Foo, ...args: [a: number, b?: string]) { yield* other(); }
            label: for await (const [k, { v = 1 }] of pairs) continue label;
            """;
    }

    [Fact]
    public void Mutated_sources_never_crash_the_parser_or_the_extractor()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SCHEMA_AUDIT_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : DefaultIterations;
        const int seed = 20_260_401;
        var random = new Random(seed);
        var seeds = Seeds().ToList();
        var frontend = new DrizzleFrontend();
        for (var i = 0; i < iterations; i++)
        {
            var source = Mutate(seeds[random.Next(seeds.Count)], random);
            try
            {
                var module = TsParser.Parse("fuzz.ts", source);
                var lines = module.Lines.LineCount;
                foreach (var diagnostic in module.Diagnostics)
                    Assert.True(diagnostic.Span.Line >= 1 && diagnostic.Span.Line <= lines, $"diagnostic outside the file: {diagnostic}");
                if (i % 4 == 0)
                {
                    var schema = new Schema();
                    frontend.Extract([new SourceFile("/fuzz/fuzz.ts", "fuzz.ts", source), new SourceFile("/fuzz/other.ts", "other.ts", seeds[0])], schema);
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"seed {seed}, iteration {i}: {ex}\n--- input ---\n{source}");
            }
        }
    }

    private static string Mutate(string text, Random random)
    {
        var rounds = random.Next(1, 6);
        for (var r = 0; r < rounds && text.Length > 0; r++)
        {
            var at = random.Next(text.Length);
            var length = Math.Min(random.Next(1, 40), text.Length - at);
            text = random.Next(6) switch
            {
                0 => text.Remove(at, length),                                           // cut
                1 => text.Insert(at, s_salt[random.Next(s_salt.Length)]),               // salt
                2 => text.Insert(random.Next(text.Length), text.Substring(at, length)),  // splice
                3 => text[..at],                                                         // truncate
                4 => text.Insert(at, new string(s_salt[random.Next(s_salt.Length)][0], random.Next(1, 300))), // repeat
                _ => text.Remove(at, length).Insert(Math.Min(at, text.Length - length), new string('x', length)),
            };
        }
        return text;
    }
}
