namespace SchemaAudit.Tests;

/// <summary>
/// Tests that drive an external program (PostgreSQL's <c>initdb</c>, Debian's <c>chromium</c>) report
/// themselves skipped, with what to install, on a machine that lacks it, so that the README's
/// <c>dotnet test SchemaAudit.sln</c> passes on a fresh machine. CI installs the programs and sets
/// <see cref="RequireVariable"/>, so there a missing program fails the test instead of hiding it.
/// </summary>
internal static class ExternalPrograms
{
    public const string RequireVariable = "SCHEMA_AUDIT_REQUIRE_EXTERNAL";

    /// <summary>Skips the running test (or fails it under CI) when <paramref name="missingReason"/> is not null.</summary>
    public static void Require(string? missingReason)
    {
        if (missingReason is null) return;
        if (Environment.GetEnvironmentVariable(RequireVariable) is "1" or "true")
            throw new InvalidOperationException($"{missingReason} ({RequireVariable} is set: external programs are required here)");
        Skip.If(true, missingReason);
    }
}
