using SchemaAudit.Frontends.Live;
using SchemaAudit.Reporting.Safety;

namespace SchemaAudit.Tests.Security;

/// <summary>The one redaction step and the control-character neutraliser every output passes through.</summary>
public sealed class RedactionTests
{
    [Theory]
    [InlineData("postgresql://u:S3cret@h/db", "postgresql://u:***@h/db")]
    [InlineData("no such file: postgresql://u:S3cret@h/db", "no such file: postgresql://u:***@h/db")]
    [InlineData("postgresql://u:p@ss@h/db", "postgresql://u:***@h/db")]
    [InlineData("Host=h;Password=S3cret;Database=x", "Host=h;Password=***;Database=x")]
    [InlineData("Host=h;Pasword=S3cret;Database=x", "Host=h;Pasword=***;Database=x")]
    [InlineData("Host=h;Passwrd=S3cret", "Host=h;Passwrd=***")]
    [InlineData("Server=h;Pwd=S3cret;", "Server=h;Pwd=***;")]
    [InlineData("PGPASSWORD=S3cret psql -h db", "PGPASSWORD=*** psql -h db")]
    [InlineData("export MYSQL_PWD='S3 cret'", "export MYSQL_PWD=***")]
    [InlineData("DB_PASS=S3cret", "DB_PASS=***")]
    [InlineData("{\"password\": \"S3cret\"}", "{\"password\": ***}")]
    [InlineData("password: 'S3cret'", "password: ***")]
    [InlineData("Password=&quot;S3 cret&quot;", "Password=***")]
    [InlineData("postgresql://h/db?sslmode=require&password=S3cret", "postgresql://h/db?sslmode=require&password=***")]
    public void Passwords_are_masked_wherever_they_are_written(string text, string expected) =>
        Assert.Equal(expected, SecretRedactor.Redact(text));

    [Theory]
    [InlineData("password = Column(String(128))")]
    [InlineData("hashed_password = db.Column(db.String(128))")]
    [InlineData("if password == other:")]
    [InlineData("Column `users.password` stores a secret in plain text.")]
    [InlineData("compass_heading = 3")]
    public void Code_and_prose_about_passwords_stay_readable(string text) => Assert.Equal(text, SecretRedactor.Redact(text));

    [Fact]
    public void Known_passwords_are_masked_even_where_no_pattern_sees_them()
    {
        var secrets = SecretRedactor.PasswordsIn("postgresql://u:S3cret%21x@h/db");
        Assert.Contains("S3cret!x", secrets);
        Assert.Equal("driver said: bad *** here", SecretRedactor.Redact("driver said: bad S3cret!x here", secrets));
    }

    [Fact]
    public void Controls_become_visible_pictures()
    {
        Assert.Equal("evil\u241B[2J\u241B]0;t\u2407", ControlCharacters.Neutralize("evil\u001b[2J\u001b]0;t\u0007"));
        Assert.Equal("a<U+009B>b<U+202E>c\u2421", ControlCharacters.Neutralize("a\u009Bb\u202Ec\u007F"));
        Assert.Equal("line\nnext\ttab", ControlCharacters.Neutralize("line\nnext\ttab"));
        Assert.Equal("line\u240Anext", ControlCharacters.Neutralize("line\nnext", inline: true));
    }

    [Fact]
    public void A_colour_terminal_keeps_only_our_colour_codes()
    {
        const string line = "\u001b[31mred\u001b[0m \u001b[2J\u001b]0;title\u0007";
        Assert.Equal("\u001b[31mred\u001b[0m \u241B[2J\u241B]0;title\u2407", ControlCharacters.NeutralizeForTerminal(line, keepColor: true));
        Assert.DoesNotContain('\u001b', ControlCharacters.NeutralizeForTerminal(line, keepColor: false));
    }

    [Fact]
    public void The_output_writer_masks_and_neutralises_whatever_is_written_through_it()
    {
        var inner = new StringWriter();
        using (var writer = new SafeTextWriter(inner, ["hunter2-known"], keepColor: false, "standard output"))
        {
            writer.Write("postgresql://u:Sec");
            writer.Write("ret@h/db and hunter2-known\u001b[2J");
            writer.WriteLine();
            writer.Write("Password=x;");
        }
        Assert.Equal("postgresql://u:***@h/db and ***\u241B[2J\nPassword=***;", inner.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_disk_is_an_output_error_not_a_crash()
    {
        var writer = new SafeTextWriter(new FullDisk(), [], keepColor: false, "standard output");
        var ex = Assert.Throws<OutputWriteException>(() => writer.WriteLine("report"));
        Assert.Contains("cannot write to standard output: No space left on device", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FullDisk : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");
    }
}
