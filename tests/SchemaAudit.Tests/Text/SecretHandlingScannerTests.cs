using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Text;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Text;

public sealed class SecretHandlingScannerTests
{
    private static List<SecretHandling> Scan(string path, string text)
    {
        var file = new SourceFile("/project/" + path, path, text);
        var scanner = new SecretHandlingScanner();
        var schema = new Schema();
        if (scanner.Accepts(file)) scanner.Extract([file], schema);
        return schema.SecretHandling;
    }

    private static List<string> HashedNames(string path, string text) =>
        [.. Scan(path, text).Where(h => h.Kind == SecretHandlingKind.Hashed).Select(h => h.Name)];

    [Theory]
    [InlineData("self.password = hash_password(raw)", "password")]
    [InlineData("user.password_digest = await bcrypt.hash(raw, 12)", "password_digest")]
    [InlineData("    return User(email=email, password=generate_password_hash(raw))", "password")]
    [InlineData("        password=pwd_context.hash(form.password),", "password")]
    [InlineData("    \"password\": hash_password(settings.DEFAULT_PASSWORD),", "password")]
    [InlineData("row[\"token\"] = hashlib.sha256(raw).hexdigest()", "token")]
    [InlineData("  passwordHash: await hash(input.password),", "passwordHash")]
    [InlineData("await db.insert(keys).values({ key: createHash(\"sha256\").update(raw).digest(\"hex\") });", "key")]
    [InlineData("    return bcrypt.checkpw(candidate.encode(), self.password)", "password")]
    [InlineData("    return check_password_hash(self.secret, value)", "secret")]
    public void Records_the_name_a_hash_is_stored_under(string line, string name) =>
        Assert.Contains(name, HashedNames("app/code.py", line + "\n"));

    [Theory]
    [InlineData("token = hashlib.sha256(body).hexdigest()")]
    [InlineData("const token = createHash(\"sha256\").update(raw).digest(\"hex\");")]
    [InlineData("if token == hash_token(candidate):")]
    [InlineData("# self.password = hash_password(raw)")]
    [InlineData("self.password = password")]
    public void Ignores_locals_comparisons_comments_and_plain_writes(string line) =>
        Assert.Empty(HashedNames("app/code.py", line + "\n"));

    [Fact]
    public void A_validator_or_setter_that_hashes_covers_the_names_it_guards()
    {
        const string code = """
            class Member(Base):
                @validates("password", "pin")
                def _hash(self, key, value):
                    if not value:
                        return value
                    return argon2.hash(value)

                @api_secret.setter
                def api_secret(self, raw):
                    self._api_secret = sha256(raw)
            """;

        var names = HashedNames("app/models.py", code).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["_api_secret", "api_secret", "password", "pin"], names);
    }

    [Fact]
    public void Encryption_calls_are_told_apart_from_hashes()
    {
        var found = Scan("app/code.py", "self.client_secret = fernet.encrypt(raw.encode())\n");
        Assert.Equal(SecretHandlingKind.Encrypted, Assert.Single(found).Kind);
    }

    [Fact]
    public void Auth_libraries_come_from_manifests_only()
    {
        const string manifest = """
            { "dependencies": { "next-auth": "^4.24.0", "@auth/drizzle-adapter": "^1.0.0", "drizzle-orm": "^0.30.0" } }
            """;
        var libraries = Scan("apps/web/package.json", manifest).Where(h => h.Kind == SecretHandlingKind.AuthLibrary).Select(h => h.Name);
        Assert.Equal(["next-auth", "@auth/drizzle-adapter"], libraries);

        Assert.Empty(Scan("src/login.ts", "import NextAuth from \"next-auth\";\n"));
    }

    [Fact]
    public void Documentation_is_not_evidence()
    {
        Assert.Empty(Scan("docs/guide.md", "user.password = hash_password(raw)\n"));
        Assert.Empty(Scan("docs/example.py", "user.password = hash_password(raw)\n"));
    }
}
