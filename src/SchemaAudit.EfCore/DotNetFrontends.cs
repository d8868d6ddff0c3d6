using SchemaAudit.Pipeline;

namespace SchemaAudit.EfCore;

/// <summary>Registers the .NET front-ends (EF Core models, EF migrations) with the audit pipeline.</summary>
public static class DotNetFrontends
{
    public static void Register()
    {
        AuditRunner.Register(new EfCoreFrontend());
        AuditRunner.Register(new Migrations.EfMigrationsFrontend());
    }
}
