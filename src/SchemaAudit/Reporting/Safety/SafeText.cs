using SchemaAudit.Frontends.Live;

namespace SchemaAudit.Reporting.Safety;

/// <summary>
/// The one step every user-controlled text (names, messages, paths, source excerpts) takes before a
/// reporter formats it: passwords masked (<see cref="SecretRedactor"/>), control characters made
/// visible (<see cref="ControlCharacters"/>). Each format then applies its own escaping (HTML
/// entities, Markdown cells and code spans, Spectre markup) on the safe text.
/// </summary>
public static class SafeText
{
    /// <summary>A name, message or path on one line: secrets masked, controls and line breaks made visible.</summary>
    public static string Inline(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : ControlCharacters.Neutralize(SecretRedactor.Redact(text), inline: true);

    /// <summary>Text that may span lines (a code snippet): secrets masked, controls made visible, line breaks kept.</summary>
    public static string Block(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : ControlCharacters.Neutralize(SecretRedactor.Redact(text));

    /// <summary>
    /// A whole document about to be written (a report file, a line on standard output): secrets masked,
    /// including literal occurrences of <paramref name="knownSecrets"/>, and controls made visible.
    /// </summary>
    public static string Document(string text, IReadOnlyCollection<string> knownSecrets) =>
        ControlCharacters.Neutralize(SecretRedactor.Redact(text, knownSecrets));
}
