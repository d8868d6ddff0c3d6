using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Sql;

/// <summary>
/// Seeded mutations of every SQL fixture (truncations, deletions, duplications, random
/// bytes, swapped quotes): no exception may escape, every parse terminates quickly.
/// </summary>
public sealed class SqlFuzzTests
{
    private const int MutationsPerFile = 800;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "sql"), "*.sql").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void There_are_enough_inputs() => Assert.True(Files().Count * MutationsPerFile >= 3000);

    [Theory]
    [MemberData(nameof(Files))]
    public void Mutated_sql_never_throws(string fileName)
    {
        var original = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "sql", fileName));
        var random = new Random(fileName.Length * 7919 + original.Length);
        for (var i = 0; i < MutationsPerFile; i++)
        {
            var input = Mutate(original, random);
            var schema = new Schema();
            var builder = new SqlSchemaBuilder(schema);
            builder.Apply(SqlParser.Parse(fileName, input));
            builder.Finish();
            Assert.All(schema.Diagnostics, d => Assert.True(d.Span.Line >= 1, $"diagnostic without a line: {d}"));
        }
    }

    private static readonly string[] s_fragments =
        ["(", ")", ",", ";", "'", "\"", "$$", "$x$", "/*", "*/", "--", "`", "[", "]", "::", "CREATE", "TABLE", "INDEX", "ALTER", "DROP", "NOT", "NULL",
         "REFERENCES", "ON DELETE", "DEFAULT", "CHECK", "BEGIN", "END", "\n", "\0", "é", "\\"];

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToCharArray().ToList();
        var operations = random.Next(1, 6);
        for (var op = 0; op < operations && chars.Count > 0; op++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(6))
            {
                case 0: chars.RemoveRange(at, chars.Count - at); break; // truncate
                case 1: chars.RemoveRange(at, Math.Min(random.Next(1, 40), chars.Count - at)); break;
                case 2: chars.InsertRange(at, s_fragments[random.Next(s_fragments.Length)]); break;
                case 3: chars[at] = (char)random.Next(1, 0x2FF); break;
                case 4:
                    var length = Math.Min(random.Next(1, 80), chars.Count - at);
                    chars.InsertRange(random.Next(chars.Count), chars.GetRange(at, length)); // duplicate a slice
                    break;
                default:
                    for (var i = 0; i < chars.Count; i++)
                        if (chars[i] == '\'' && random.Next(8) == 0) chars[i] = '"';
                    break;
            }
        }
        return new string(chars.ToArray());
    }
}
