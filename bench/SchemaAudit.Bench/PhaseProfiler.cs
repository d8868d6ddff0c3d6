using System.Diagnostics;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Rules;

namespace SchemaAudit.Bench;

/// <summary>
/// <c>profile DIR</c>: where the time of one audit goes, per front-end and per rule, cold (first
/// run, JIT included, as in a CLI process) and warm (third run). Finds the pass to optimize.
/// </summary>
public static class PhaseProfiler
{
    public static void Run(string directory)
    {
        var diagnostics = new List<Diagnostic>();
        var files = AuditRunner.Discover([directory], Path.GetFullPath(directory), AuditConfig.Default, diagnostics);
        for (var round = 1; round <= 3; round++)
        {
            Console.WriteLine($"round {round}{(round == 1 ? " (cold)" : "")}");
            var timings = new List<(string Name, double Ms)>();
            foreach (var frontend in AuditRunner.Frontends)
            {
                var watch = Stopwatch.StartNew();
                var accepted = files.Where(frontend.Accepts).ToList();
                if (accepted.Count > 0) frontend.Extract(accepted, new Schema { SourceKind = frontend.View });
                timings.Add(($"front-end {frontend.Name} ({accepted.Count} files)", watch.Elapsed.TotalMilliseconds));
            }
            var views = AuditRunner.BuildViews(files);
            var context = new RuleContext(views[0]);
            foreach (var rule in RuleRegistry.All)
            {
                var watch = Stopwatch.StartNew();
                var count = rule.Check(context).Count();
                timings.Add(($"rule {rule.Id} ({count})", watch.Elapsed.TotalMilliseconds));
            }
            foreach (var (name, ms) in timings.OrderByDescending(t => t.Ms).Take(round == 3 ? 15 : 10))
                Console.WriteLine($"  {ms,8:F1} ms  {name}");
        }
    }
}
