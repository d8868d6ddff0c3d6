namespace SchemaAudit.Configuration;

/// <summary>
/// The user's input cannot be used as given: a path that does not exist, a configuration file
/// that does not parse. The message already says what and where (<c>file:line:col: ...</c>);
/// the command line turns it into exit code 2, never into a crash.
/// </summary>
public class AuditInputException : Exception
{
    public AuditInputException(string message) : base(message) { }

    public AuditInputException(string message, Exception inner) : base(message, inner) { }

    public AuditInputException() { }
}

/// <summary>A configuration file that cannot be read or does not mean anything valid.</summary>
public sealed class ConfigurationException : AuditInputException
{
    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException(string message, Exception inner) : base(message, inner) { }

    public ConfigurationException() { }
}
