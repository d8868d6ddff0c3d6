namespace SchemaAudit.Baseline;

/// <summary>
/// One accepted finding in a baseline file. Only <see cref="Fingerprint"/> is used for matching; the
/// other fields are there so a person reading or reviewing the file knows what was accepted.
/// </summary>
public sealed record BaselineEntry(string Fingerprint, string RuleId, string? Table, string? Column, string Path, string Message);

/// <summary>What comparing a run with a baseline found: findings not in it, findings still in it, entries now gone.</summary>
public sealed record BaselineSummary(int New, int Unchanged, int Fixed);
