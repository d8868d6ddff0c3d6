using SchemaAudit.Model;

namespace SchemaAudit.Drift;

internal static class ViewNames
{
    /// <summary>How a view is named in drift messages.</summary>
    public static string Of(Schema view) => view.SourceKind switch
    {
        SchemaSourceKind.OrmModels => "the models",
        SchemaSourceKind.Migrations => "the migrations",
        SchemaSourceKind.SqlDdl => "the SQL schema",
        SchemaSourceKind.LiveDatabase => "the database",
        _ => "a view",
    };
}
