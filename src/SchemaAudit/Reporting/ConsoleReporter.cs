using SchemaAudit.Analysis;
using SchemaAudit.Pipeline;
using Spectre.Console;

namespace SchemaAudit.Reporting;

/// <summary>
/// The terminal view: score and counts first, findings by severity (coloured), then what
/// could not be read and a one-line verdict. Writes through an <see cref="IAnsiConsole"/> bound to
/// the given writer, so redirected output carries no escape codes when colour is off.
/// </summary>
public sealed class ConsoleReporter(ReporterOptions options) : IReporter
{
    private static readonly Severity[] s_order = [Severity.Critical, Severity.Warning, Severity.Suggestion, Severity.Info];

    public ConsoleReporter() : this(ReporterOptions.Default) { }

    public string Format => "console";

    public void Write(AuditResult result, TextWriter output)
    {
        var width = options.Width ?? ReporterOptions.DefaultWidth;
        var console = CreateConsole(output, UseColor(options.UseColor, Environment.GetEnvironmentVariable("NO_COLOR")), width);
        var facts = new ReportFacts(result);
        WriteHeader(console, facts);
        foreach (var severity in s_order)
            WriteSeverity(console, facts, severity, width);
        WriteDiagnostics(console, facts, width);
        WriteVerdict(console, facts);
    }

    /// <summary>Colour only when asked for and not vetoed by <c>NO_COLOR</c> (any non-empty value, per no-color.org).</summary>
    internal static bool UseColor(bool requested, string? noColorVariable) => requested && string.IsNullOrEmpty(noColorVariable);

    internal static IAnsiConsole CreateConsole(TextWriter output, bool color, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            // CI detection would otherwise change the profile from one machine to the next.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        // We wrap findings ourselves (hanging indent); Spectre must not re-wrap or split long paths.
        console.Profile.Width = Math.Max(width, NoWrapWidth);
        return console;
    }

    private static void WriteHeader(IAnsiConsole console, ReportFacts facts)
    {
        var result = facts.Result;
        console.MarkupLine($"[bold]{ToolInfo.Name} {Markup.Escape(ToolInfo.Version)}[/]: {Markup.Escape(result.Root)}");
        var counts = string.Join(", ", s_order.Select(s => $"[{Style(s)}]{ReportText.SeverityCount(s, facts.Count(s))}[/]"));
        var suppressed = facts.Suppressed.Count > 0 ? $" [dim]({facts.Suppressed.Count} suppressed)[/]" : "";
        console.MarkupLine($"Score [bold]{result.Score.Value}/100 ({result.Score.Grade})[/]   {counts}{suppressed}");
        var s = result.Statistics;
        console.MarkupLine($"[dim]{ReportText.Count(s.Tables, "table")}, {ReportText.Count(s.Columns, "column")}, {ReportText.Count(s.ForeignKeys, "foreign key")}, {ReportText.Count(s.Relationships, "relationship")}, {ReportText.Count(result.RulesRun.Count, "check")} run[/]");
        if (ReportText.DialectLine(result.Schema) is { } dialect)
            console.MarkupLine($"[dim]{Markup.Escape(dialect)}[/]");
        if (result.Baseline is { } baseline)
            console.MarkupLine($"[dim]{Markup.Escape(ReportText.BaselineLine(baseline))}[/]");
    }

    private static void WriteSeverity(IAnsiConsole console, ReportFacts facts, Severity severity, int width)
    {
        var findings = facts.Active.Where(f => f.Severity == severity).ToList();
        if (findings.Count == 0) return;
        console.WriteLine();
        console.MarkupLine($"[{Style(severity)}]{severity.Id().ToUpperInvariant()} ({findings.Count})[/]");
        foreach (var f in findings)
        {
            // "  path:line  rule-id  message", wrapped by us with a hanging indent so continuation
            // lines stay under the finding instead of starting at column 0.
            var head = $"  {ReportText.Location(f.Span)}  {f.RuleId}  ";
            var headMarkup = $"  {Markup.Escape(ReportText.Location(f.Span))}  [{Style(severity)}]{Markup.Escape(f.RuleId)}[/]";
            // A long path leaves too little room: the message then starts on the next line.
            var messageOnNextLine = head.Length + MinimumRoom > width;
            var message = WordWrap(f.Message, width, firstLineUsed: messageOnNextLine ? Indent.Length : head.Length, Indent);
            if (messageOnNextLine)
            {
                console.MarkupLine(headMarkup);
                console.MarkupLine(Indent + Markup.Escape(message[0]));
            }
            else
            {
                console.MarkupLine($"{headMarkup}  {Markup.Escape(message[0])}");
            }
            foreach (var line in message.Skip(1))
                console.MarkupLine(Indent + Markup.Escape(line));
            foreach (var line in WordWrap("-> " + f.Recommendation, width, firstLineUsed: Indent.Length, Indent))
                console.MarkupLine($"{Indent}[dim]{Markup.Escape(line)}[/]");
        }
    }

    private const string Indent = "      ";
    private const int NoWrapWidth = 4096;
    private const int MinimumRoom = 30;

    /// <summary>
    /// Splits <paramref name="text"/> at spaces so that the first line fits after
    /// <paramref name="firstLineUsed"/> characters and the others after <paramref name="indent"/>.
    /// A word longer than a line is kept whole (a path is more useful unbroken).
    /// </summary>
    internal static List<string> WordWrap(string text, int width, int firstLineUsed, string indent)
    {
        var lines = new List<string>();
        var current = new System.Text.StringBuilder();
        var room = Math.Max(20, width - firstLineUsed);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > room)
            {
                lines.Add(current.ToString());
                current.Clear();
                room = Math.Max(20, width - indent.Length);
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(word);
        }
        lines.Add(current.ToString());
        return lines;
    }

    private static void WriteDiagnostics(IAnsiConsole console, ReportFacts facts, int width)
    {
        var diagnostics = ReportFacts.SortedDiagnostics(facts.Result.Schema).ToList();
        if (diagnostics.Count == 0) return;
        console.WriteLine();
        // Not all of them are failures: info notes say what was skipped or could not be modelled.
        console.MarkupLine($"[magenta]DIAGNOSTICS ({diagnostics.Count})[/]");
        foreach (var d in diagnostics)
        {
            var head = $"  {d.Span}  {d.Severity.ToString().ToLowerInvariant()}: ";
            var lines = WordWrap(d.Message, width, firstLineUsed: head.Length, Indent);
            console.MarkupLine(Markup.Escape(head + lines[0]));
            foreach (var line in lines.Skip(1))
                console.MarkupLine(Indent + Markup.Escape(line));
        }
    }

    private static void WriteVerdict(IAnsiConsole console, ReportFacts facts)
    {
        console.WriteLine();
        var result = facts.Result;
        var total = facts.Active.Count;
        var critical = facts.Count(Severity.Critical);
        var (mark, style) = critical > 0 ? ("x", "red bold") : total > 0 ? ("!", "yellow") : ("ok", "green");
        var what = total == 0 ? "no findings" : ReportText.Count(total, "finding") + (critical > 0 ? $" ({critical} critical)" : "");
        console.MarkupLine($"[{style}]{mark}[/] {what} in {ReportText.Count(result.Statistics.Tables, "table")}; score {result.Score.Value}/100 ({result.Score.Grade})");
    }

    private static string Style(Severity s) => s switch
    {
        Severity.Critical => "red bold",
        Severity.Warning => "yellow",
        Severity.Suggestion => "blue",
        _ => "grey",
    };
}
