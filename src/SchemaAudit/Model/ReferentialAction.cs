namespace SchemaAudit.Model;

/// <summary>
/// ON DELETE / ON UPDATE behaviour. <see cref="Unspecified"/> is a value of its own: a FK
/// that says nothing behaves like NO ACTION, but its intent is undocumented.
/// </summary>
public enum ReferentialAction { Unspecified, NoAction, Restrict, Cascade, SetNull, SetDefault }

public static class ReferentialActionExtensions
{
    public static ReferentialAction Parse(string? text) => text?.Trim().ToUpperInvariant().Replace('_', ' ') switch
    {
        null or "" => ReferentialAction.Unspecified,
        "CASCADE" => ReferentialAction.Cascade,
        "SET NULL" => ReferentialAction.SetNull,
        "SET DEFAULT" => ReferentialAction.SetDefault,
        "RESTRICT" => ReferentialAction.Restrict,
        "NO ACTION" => ReferentialAction.NoAction,
        _ => ReferentialAction.Unspecified,
    };

    public static string ToSql(this ReferentialAction a) => a switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.NoAction => "NO ACTION",
        _ => "unspecified",
    };
}
