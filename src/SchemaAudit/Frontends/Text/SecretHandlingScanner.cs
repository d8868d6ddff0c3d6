using System.Buffers;
using System.Text.RegularExpressions;
using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Text;

/// <summary>
/// Reads application code for evidence of how secrets are stored, for <c>plaintext-secret-column</c>: a column named
/// <c>password</c> is no defect when the code writes it through <c>hash_password()</c>. One cheap pass over every code
/// file and manifest; it records facts (<see cref="SecretHandling"/>), the rule judges them. Found, line by line:
/// <list type="bullet">
/// <item>a hash or cipher call assigned to a name: <c>self.password = hash_password(pw)</c>, <c>password=bcrypt.hash(pw)</c>,
/// <c>"token": sha256(raw)</c>, <c>passwordHash: await hash(pw)</c>;</item>
/// <item>a stored value checked by a password hasher: <c>bcrypt.checkpw(candidate, self.password)</c>;</item>
/// <item>an SQLAlchemy <c>@validates("password")</c> or <c>@password.setter</c> whose body hashes;</item>
/// <item>auth libraries in <c>package.json</c> / <c>pyproject.toml</c> (Auth.js, better-auth, Lucia), which own their tables.</item>
/// </list>
/// Never runs the code, and a call it cannot read is simply no evidence.
/// </summary>
public sealed partial class SecretHandlingScanner : IFrontend
{
    public string Name => "secret-handling";

    private static readonly string[] s_codeExtensions = [".py", ".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".cs"];

    // How far below a `@validates`/`.setter` decorator its body may hash the value (lines).
    private const int DecoratedBodyLines = 12;

    // One vectorized sniff before any regex: files that mention no hash, cipher or auth library are skipped.
    private static readonly SearchValues<string> s_markers = SearchValues.Create(
        ["hash", "crypt", "digest", "hmac", "argon", "pbkdf", "fernet", "checkpw", "check_password", "verify_password", "make_password",
         "next-auth", "@auth/", "better-auth", "lucia"],
        StringComparison.OrdinalIgnoreCase);

    // A call that hashes or encrypts: `hash_password(`, `bcrypt.hash(`, `createHash(`, `crypto.subtle.digest(`, `encrypt(`,
    // `generate_password_hash(`, `make_password(`, `hashlib.sha256(`, `pwd_context.hash(`.
    private const string HashOrCipherCall =
        @"(?<call>(?:[A-Za-z_$][\w$.]*?)?(?:[Hh]ash|HASH|[Cc]rypt|[Dd]igest|[Hh]mac|[Aa]rgon2?|[Ss]crypt|[Pp]bkdf2|[Ff]ernet|sha(?:1|224|256|384|512)|make_password)[\w$]*)\s*\(";

    // `self.password = hash(...)`, `user.token = await sha256(...)`
    [GeneratedRegex(@"\b(?:self|this|cls|[a-z_][\w]*)\.(?<name>[A-Za-z_][\w]*)\s*=\s*(?:await\s+)?" + HashOrCipherCall, RegexOptions.CultureInvariant)]
    private static partial Regex AttributeAssignedHash();

    // What is stored under a name: a keyword argument `password=hash(...)` / `f(x, password = hash(...))`, an object property
    // `password: await hash(...)`, a dict key `"password": hash(...)`, `data["password"] = hash(...)`. A local variable
    // (`token = sha256(...)`, `const token = ...`) is not: it may be anything, and is not a column.
    [GeneratedRegex(@"(?:[""'](?<name>[A-Za-z_]\w*)[""']\s*\]?\s*[:=]|(?<![\w.$])(?<name>[A-Za-z_]\w*)\s*:|(?<![\w.$\s])(?<name>[A-Za-z_]\w*)=(?!=)|(?<=^\s*)(?<name>[A-Za-z_]\w*)=(?!=)|[(,]\s*(?<name>[A-Za-z_]\w*)\s*=(?!=))\s*(?:await\s+)?" + HashOrCipherCall, RegexOptions.CultureInvariant)]
    private static partial Regex KeyAssignedHash();

    // Password hashers' verify calls, whose stored argument is therefore a hash: `bcrypt.checkpw(pw, self.password)`.
    [GeneratedRegex(@"\b(?:[\w.]*(?:bcrypt|argon2?|scrypt|passlib|pwd_context|password_context|hasher)[\w.]*\.(?:verify|checkpw|compare)\w*|check_password_hash|check_password|verify_password|verifyPassword|comparePassword)\s*\((?<args>[^\r\n]*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HasherVerify();

    [GeneratedRegex(@"\b(?:self|this|[a-z_]\w*)\.(?<name>[A-Za-z_]\w*)\b(?!\s*\()", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeReference();

    // `@validates("password", "pin")`, `@password.setter`
    [GeneratedRegex(@"^\s*@(?:[\w.]*\.)?validates\s*\((?<names>[^)]*)\)|^\s*@(?<setter>[A-Za-z_]\w*)\.setter\b", RegexOptions.CultureInvariant)]
    private static partial Regex HashingDecorator();

    [GeneratedRegex(@"[""'](?<name>[A-Za-z_]\w*)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();

    [GeneratedRegex(HashOrCipherCall, RegexOptions.CultureInvariant)]
    private static partial Regex AnyHashOrCipherCall();

    [GeneratedRegex(@"[""'](?<package>next-auth|@auth/[\w-]+|better-auth|lucia|@lucia-auth/[\w-]+)[""']\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex NodeAuthDependency();

    public bool Accepts(SourceFile file) =>
        (IsCode(file) || IsManifest(file)) && !ConnectionStringScanner.IsDocumentation(file.RelativePath)
        && file.Text.AsSpan().ContainsAny(s_markers);

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        foreach (var file in files)
        {
            if (IsManifest(file)) ReadManifest(file, schema.SecretHandling);
            else ReadCode(file, schema.SecretHandling);
        }
    }

    private static bool IsCode(SourceFile file) => Array.IndexOf(s_codeExtensions, file.Extension) >= 0;

    private static bool IsManifest(SourceFile file)
    {
        var name = Path.GetFileName(file.RelativePath);
        return name.Equals("package.json", StringComparison.OrdinalIgnoreCase) || name.Equals("pyproject.toml", StringComparison.OrdinalIgnoreCase);
    }

    private static void ReadManifest(SourceFile file, List<SecretHandling> into)
    {
        foreach (Match m in NodeAuthDependency().Matches(file.Text))
            into.Add(new SecretHandling(m.Groups["package"].Value, SecretHandlingKind.AuthLibrary, "dependency", At(file, m.Index)));
    }

    private static void ReadCode(SourceFile file, List<SecretHandling> into)
    {
        var lineNumber = 0;
        List<string>? decorated = null;
        var decoratedUntil = 0;
        foreach (var range in file.Text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (range.IsWhiteSpace()) continue;
            var line = range.ToString();
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#') || trimmed.StartsWith("//", StringComparison.Ordinal)) continue;

            if (HashingDecorator().Match(line) is { Success: true } decorator)
            {
                decorated = decorator.Groups["setter"].Success
                    ? [decorator.Groups["setter"].Value]
                    : QuotedName().Matches(decorator.Groups["names"].Value).Select(q => q.Groups["name"].Value).ToList();
                decoratedUntil = lineNumber + DecoratedBodyLines;
                continue;
            }

            foreach (Match m in AttributeAssignedHash().Matches(line))
                Add(into, file, lineNumber, m.Groups["name"].Value, m.Groups["call"].Value);
            foreach (Match m in KeyAssignedHash().Matches(line))
                Add(into, file, lineNumber, m.Groups["name"].Value, m.Groups["call"].Value);
            if (HasherVerify().Match(line) is { Success: true } verify)
            {
                foreach (Match reference in AttributeReference().Matches(verify.Groups["args"].Value))
                    into.Add(new SecretHandling(reference.Groups["name"].Value, SecretHandlingKind.Hashed, "password-hasher check", SourceSpan.At(file.RelativePath, lineNumber, 1)));
            }
            if (decorated is not null && lineNumber <= decoratedUntil && AnyHashOrCipherCall().Match(line) is { Success: true } inBody)
            {
                foreach (var name in decorated) Add(into, file, lineNumber, name, inBody.Groups["call"].Value);
                decorated = null;
            }
        }
    }

    private static void Add(List<SecretHandling> into, SourceFile file, int line, string name, string call)
    {
        var kind = call.Contains("crypt", StringComparison.OrdinalIgnoreCase) && !call.Contains("bcrypt", StringComparison.OrdinalIgnoreCase)
                   && !call.Contains("scrypt", StringComparison.OrdinalIgnoreCase) || call.Contains("fernet", StringComparison.OrdinalIgnoreCase)
            ? SecretHandlingKind.Encrypted
            : SecretHandlingKind.Hashed;
        into.Add(new SecretHandling(name, kind, call, SourceSpan.At(file.RelativePath, line, 1)));
    }

    private static SourceSpan At(SourceFile file, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset; i++)
            if (file.Text[i] == '\n') line++;
        return SourceSpan.At(file.RelativePath, line, 1);
    }
}
