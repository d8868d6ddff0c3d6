using System.Text.Json;
using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Migrations;

/// <summary>
/// The order in which SQL migration files run: folder by folder (ordinal path order);
/// inside a folder, drizzle-kit's <c>meta/_journal.json</c> when there is one, else Flyway
/// versions (<c>V2__x.sql</c> before <c>V10__y.sql</c>, repeatable <c>R__</c> scripts last),
/// else natural name order (<c>2_x.sql</c> before <c>10_y.sql</c>).
/// </summary>
internal static class MigrationOrder
{
    public static List<SourceFile> Order(IReadOnlyList<SourceFile> sqlFiles, IReadOnlyList<SourceFile> journals, List<Diagnostic> diagnostics)
    {
        var journalOrder = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var journal in journals)
        {
            var folder = ParentFolder(ParentFolder(journal.RelativePath)); // <folder>/meta/_journal.json
            if (ReadJournal(journal, diagnostics) is { } tags) journalOrder[folder] = tags;
        }
        var ordered = sqlFiles.ToList();
        ordered.Sort((a, b) =>
        {
            var folderA = ParentFolder(a.RelativePath);
            var folderB = ParentFolder(b.RelativePath);
            var byFolder = string.CompareOrdinal(folderA, folderB);
            if (byFolder != 0) return byFolder;
            return journalOrder.TryGetValue(folderA, out var tags) ? CompareByJournal(a, b, tags) : CompareByName(FileName(a), FileName(b));
        });
        return ordered;
    }

    private static int CompareByJournal(SourceFile a, SourceFile b, Dictionary<string, int> tags)
    {
        // Files the journal does not list run after those it does, by name.
        var ia = tags.GetValueOrDefault(Path.GetFileNameWithoutExtension(a.RelativePath), int.MaxValue);
        var ib = tags.GetValueOrDefault(Path.GetFileNameWithoutExtension(b.RelativePath), int.MaxValue);
        return ia != ib ? ia.CompareTo(ib) : CompareByName(FileName(a), FileName(b));
    }

    /// <summary>drizzle-kit journal: <c>{"entries": [{"idx": 0, "tag": "0000_init"}, ...]}</c> → tag → position.</summary>
    private static Dictionary<string, int>? ReadJournal(SourceFile journal, List<Diagnostic> diagnostics)
    {
        try
        {
            using var document = JsonDocument.Parse(journal.Text);
            if (!document.RootElement.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array) return null;
            var tags = new Dictionary<string, int>(StringComparer.Ordinal);
            var position = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("tag", out var tag) || tag.ValueKind != JsonValueKind.String) continue;
                var idx = entry.TryGetProperty("idx", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var n) ? n : position;
                tags.TryAdd(tag.GetString()!, idx);
                position++;
            }
            return tags;
        }
        catch (JsonException ex)
        {
            diagnostics.Add(new Diagnostic(SourceSpan.At(journal.RelativePath, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1),
                "drizzle-kit journal is not valid JSON; migrations in this folder are ordered by name", DiagnosticSeverity.Warning));
            return null;
        }
    }

    /// <summary>Flyway versions first (numerically, part by part), then repeatable scripts, then natural name order.</summary>
    internal static int CompareByName(string a, string b)
    {
        var va = FlywayVersion(a);
        var vb = FlywayVersion(b);
        if (va is not null && vb is not null)
        {
            var byVersion = CompareVersions(va, vb);
            if (byVersion != 0) return byVersion;
        }
        else if (va is not null || vb is not null)
        {
            // Versioned before repeatable (R__) and other scripts.
            return va is not null ? -1 : 1;
        }
        return NaturalCompare(a, b);
    }

    /// <summary><c>V1_2__name.sql</c> → [1, 2]; null when the name is not a Flyway versioned migration.</summary>
    internal static long[]? FlywayVersion(string fileName)
    {
        if (fileName.Length < 4 || fileName[0] is not ('V' or 'v') || !char.IsAsciiDigit(fileName[1])) return null;
        var separator = fileName.IndexOf("__", StringComparison.Ordinal);
        if (separator < 0) return null;
        var parts = fileName[1..separator].Split('.', '_');
        var version = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version[i])) return null;
        return version;
    }

    private static int CompareVersions(long[] a, long[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y) return x.CompareTo(y);
        }
        return 0;
    }

    /// <summary>Compares runs of digits by value, the rest ordinally: <c>2_a</c> &lt; <c>10_a</c>.</summary>
    internal static int NaturalCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                var sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                var na = a.AsSpan(si, i - si).TrimStart('0');
                var nb = b.AsSpan(sj, j - sj).TrimStart('0');
                if (na.Length != nb.Length) return na.Length.CompareTo(nb.Length);
                var byDigits = na.SequenceCompareTo(nb);
                if (byDigits != 0) return byDigits;
                continue;
            }
            if (a[i] != b[j]) return a[i].CompareTo(b[j]);
            i++;
            j++;
        }
        var byLength = (a.Length - i).CompareTo(b.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(a, b);
    }

    private static string FileName(SourceFile file) => Path.GetFileName(file.RelativePath);

    private static string ParentFolder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}
