using System.Text;
using SchemaAudit.Frontends.Live;

namespace SchemaAudit.Reporting.Safety;

/// <summary>
/// A writer that passes whole lines to an inner writer after the last safety step: passwords masked
/// (patterns and the secrets known to this run) and control characters neutralised, keeping only our
/// own colour codes when the output is a colour terminal. Whatever prints (a reporter, an error
/// message, an exception's text), nothing raw gets through. A failure of the inner writer (a full
/// disk, a closed pipe) surfaces as <see cref="OutputWriteException"/>.
/// </summary>
public sealed class SafeTextWriter(TextWriter inner, IReadOnlyCollection<string> knownSecrets, bool keepColor, string streamName) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n') EmitLine();
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        var start = 0;
        while (true)
        {
            var newline = value.IndexOf('\n', start);
            if (newline < 0)
            {
                _line.Append(value, start, value.Length - start);
                return;
            }
            _line.Append(value, start, newline - start + 1);
            EmitLine();
            start = newline + 1;
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        if (_line.Length > 0) EmitLine();
        Guard(inner.Flush);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        var line = _line.ToString();
        _line.Clear();
        var safe = ControlCharacters.NeutralizeForTerminal(SecretRedactor.Redact(line, knownSecrets), keepColor);
        Guard(() => inner.Write(safe));
    }

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException ex)
        {
            throw new OutputWriteException($"cannot write to {streamName}: {ex.Message}", ex);
        }
    }
}

/// <summary>The report or a message could not be written (a full disk, a closed pipe): exit 2 with a clear message, not an internal error.</summary>
public sealed class OutputWriteException : Configuration.AuditInputException
{
    public OutputWriteException(string message, Exception inner) : base(message, inner) { }

    public OutputWriteException(string message) : base(message) { }

    public OutputWriteException() { }
}
