using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaAudit.Discovery;
using SchemaAudit.EfCore.Modeling;
using SchemaAudit.EfCore.Syntax;
using SchemaAudit.Frontends;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;
using Diagnostic = SchemaAudit.Model.Diagnostic;
using DiagnosticSeverity = SchemaAudit.Model.DiagnosticSeverity;

namespace SchemaAudit.EfCore.Migrations;

/// <summary>
/// EF Core migrations replayed into the migrations view: each <c>Migration</c> class's <c>Up(MigrationBuilder)</c>,
/// in the order of its id (<c>20230925222426_Initial</c>): <c>CreateTable</c>, <c>AddColumn</c>, <c>CreateIndex</c>,
/// <c>AddForeignKey</c>, renames and drops, and <c>Sql("…")</c> through the SQL front-end. A folder with several
/// histories (one per provider) replays the longest one and says so.
/// </summary>
public sealed class EfMigrationsFrontend : IFrontend
{
    public string Name => "efcore-migrations";

    public SchemaSourceKind View => SchemaSourceKind.Migrations;

    public bool Accepts(SourceFile file) =>
        file.Extension == ".cs" && file.Text.Contains("MigrationBuilder", StringComparison.Ordinal) && file.Text.Contains("Migration", StringComparison.Ordinal);

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        var sources = CSharpSources.Parse(files);
        var migrations = new List<(string Id, string History, MethodDeclarationSyntax Up, CSharpFile File)>();
        foreach (var cls in sources.Classes)
        {
            if (!cls.BaseTypes.Any(b => TypeShape.SimpleName(b.Type) == "Migration")) continue;
            var up = cls.Members.FirstOrDefault(m => m.Member is MethodDeclarationSyntax { Identifier.Text: "Up" });
            if (up.Member is null) continue;
            var id = cls.Attributes.Where(a => Expressions.AttributeName(a.Attribute) == "Migration")
                .Select(a => Expressions.String(Expressions.Positional(a.Attribute).FirstOrDefault()?.Expression)).FirstOrDefault(s => s is not null)
                ?? Path.GetFileNameWithoutExtension(up.File.Path);
            var history = up.File.Path.Contains('/') ? up.File.Path[..up.File.Path.LastIndexOf('/')] : "";
            migrations.Add((id, history, (MethodDeclarationSyntax)up.Member, up.File));
        }
        if (migrations.Count == 0) return;
        schema.Diagnostics.AddRange(sources.Diagnostics.Where(d => migrations.Any(m => m.File.Path == d.Span.Path)));
        // One history per folder: several contexts (microservices) each add their tables; a history that creates
        // tables another already made is the same model for another provider, and is not merged with it.
        var histories = migrations.GroupBy(m => m.History).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var replayed = new List<string>();
        foreach (var history in histories)
        {
            var view = new Schema { SourceKind = SchemaSourceKind.Migrations };
            var replay = new MigrationReplay(view);
            foreach (var migration in history.OrderBy(m => m.Id, StringComparer.Ordinal)) replay.Replay(migration.Up, migration.File);
            // A table shared by several services (an outbox from a common library) is not enough to call it the same model.
            var shared = view.Tables.Where(t => schema.FindTable(t.Name) is not null).ToList();
            var overlap = shared.FirstOrDefault();
            if (overlap is not null && shared.Count * 2 > view.Tables.Count)
            {
                schema.Diagnostics.Add(new Diagnostic(SourceSpan.At(history.First().File.Path, 1, 1),
                    $"EF Core: the migrations in `{history.Key}` create `{overlap.Name}` as `{replayed[0]}` does: another provider's history of the same model, not replayed into the same view", DiagnosticSeverity.Info));
                continue;
            }
            replayed.Add(history.Key);
            schema.Tables.AddRange(view.Tables.Except(shared));
            schema.UpdateHooks.AddRange(view.UpdateHooks);
            schema.Diagnostics.AddRange(view.Diagnostics);
            schema.Dialect ??= view.Dialect;
            foreach (var migration in history)
                schema.Files.Add(new SourceFileInfo(migration.File.Path, migration.File.Tree.GetText().Lines.Count, HasModels: true));
        }
    }
}

/// <summary>Applies <c>MigrationBuilder</c> calls to a schema.</summary>
internal sealed class MigrationReplay(Schema schema)
{
    public void Replay(MethodDeclarationSyntax up, CSharpFile file)
    {
        var builder = up.ParameterList.Parameters.FirstOrDefault()?.Identifier.Text;
        if (builder is null || up.Body is null && up.ExpressionBody is null) return;
        foreach (var call in up.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } member || receiver.Identifier.Text != builder) continue;
            var args = call.ArgumentList;
            var span = file.Span(member.Name);
            string? Arg(string name, int position) => Expressions.String(Expressions.Argument(args, name, position));
            var table = Arg("table", 1);
            switch (member.Name.Identifier.Text)
            {
                case "CreateTable": CreateTable(args, file, span); break;
                case "DropTable": schema.Tables.RemoveAll(t => t.Name == Arg("name", 0)); break;
                case "RenameTable":
                    if (Find(Arg("name", 0)) is { } renamed && Arg("newName", 2) is { } newName)
                    {
                        var copy = new Table { Name = newName, SchemaName = renamed.SchemaName, Span = renamed.Span };
                        copy.Columns.AddRange(renamed.Columns);
                        copy.Indexes.AddRange(renamed.Indexes);
                        copy.ForeignKeys.AddRange(renamed.ForeignKeys);
                        copy.UniqueConstraints.AddRange(renamed.UniqueConstraints);
                        copy.PrimaryKey = renamed.PrimaryKey;
                        schema.Tables[schema.Tables.IndexOf(renamed)] = copy;
                        foreach (var fk in schema.Tables.SelectMany(t => t.ForeignKeys).Where(f => f.TargetTable == renamed.Name)) fk.TargetTable = newName;
                    }
                    break;
                case "AddColumn":
                    if (Find(table) is { } target && Arg("name", 0) is { } column)
                    {
                        target.Columns.RemoveAll(c => c.Name == column);
                        target.Columns.Add(MakeColumn(column, args, GenericType(member), span));
                    }
                    break;
                case "AlterColumn":
                    if (Find(table) is { } altered && Arg("name", 0) is { } alteredName && altered.FindColumn(alteredName) is { } old)
                        altered.Columns[altered.Columns.IndexOf(old)] = MakeColumn(alteredName, args, GenericType(member), span, old);
                    break;
                case "DropColumn":
                    Find(table)?.Columns.RemoveAll(c => c.Name == Arg("name", 0));
                    break;
                case "RenameColumn":
                    if (Find(table) is { } t && Arg("name", 0) is { } from && Arg("newName", 2) is { } to && t.FindColumn(from) is { } c)
                    {
                        var copy = MakeColumn(to, null, null, c.Span, c);
                        t.Columns[t.Columns.IndexOf(c)] = copy;
                        foreach (var index in t.Indexes) Rename(index.Columns, from, to);
                        foreach (var fk in t.ForeignKeys) Rename(fk.Columns, from, to);
                        if (t.PrimaryKey is { } pk) Rename(pk.Columns, from, to);
                    }
                    break;
                case "CreateIndex":
                    if (Find(table) is { } indexed)
                    {
                        var index = new SchemaAudit.Model.Index
                        {
                            Name = Arg("name", 0), IsUnique = Expressions.Bool(Expressions.Argument(args, "unique", 99)) ?? false,
                            Where = Expressions.String(Expressions.Argument(args, "filter", 99)), Span = span,
                        };
                        index.Columns.AddRange(Names(args, "column", "columns", 2));
                        index.IsExpression.AddRange(index.Columns.Select(_ => false));
                        indexed.Indexes.RemoveAll(i => i.Name == index.Name);
                        indexed.Indexes.Add(index);
                    }
                    break;
                case "DropIndex":
                    foreach (var each in schema.Tables.Where(x => table is null || x.Name == table)) each.Indexes.RemoveAll(i => i.Name == Arg("name", 0));
                    break;
                case "AddForeignKey":
                    if (Find(table) is { } dependent) dependent.ForeignKeys.Add(ForeignKey(args, span, "column", "columns", 2));
                    break;
                case "DropForeignKey":
                    foreach (var each in schema.Tables.Where(x => table is null || x.Name == table)) each.ForeignKeys.RemoveAll(f => f.Name == Arg("name", 0));
                    break;
                case "AddPrimaryKey":
                    if (Find(table) is { } keyed)
                    {
                        keyed.PrimaryKey = new PrimaryKey { Name = Arg("name", 0), Span = span };
                        keyed.PrimaryKey.Columns.AddRange(Names(args, "column", "columns", 2));
                    }
                    break;
                case "DropPrimaryKey":
                    if (Find(table) is { } unkeyed) unkeyed.PrimaryKey = null;
                    break;
                case "AddUniqueConstraint":
                    if (Find(table) is { } uniqueTable)
                    {
                        var unique = new UniqueConstraint { Name = Arg("name", 0), Span = span };
                        unique.Columns.AddRange(Names(args, "column", "columns", 2));
                        uniqueTable.UniqueConstraints.Add(unique);
                    }
                    break;
                case "Sql":
                    var first = args.Arguments.FirstOrDefault()?.Expression;
                    if (Expressions.String(first) is { } sql && first is not null)
                    {
                        var at = file.Span(first);
                        var sqlBuilder = new SqlSchemaBuilder(schema);
                        sqlBuilder.Apply(SqlParser.Parse(file.Path, sql, at.Line, at.Column));
                        sqlBuilder.Finish();
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// <c>defaultValue: ""</c>, <c>0</c>, <c>false</c>, <c>new DateTime(1, 1, 1, …)</c>, <c>new Guid("00000000-…")</c>: what EF writes when a
    /// NOT NULL column is added to a table with rows, to fill them; not a default anyone chose.
    /// </summary>
    private static bool IsFillerDefault(ExpressionSyntax value)
    {
        var text = value.ToString();
        return text is "\"\"" or "0" or "0L" or "0m" or "0.0" or "false" or "0.0m" or "0.0" || text.StartsWith("new DateTime(1, 1, 1,", StringComparison.Ordinal)
               || text.StartsWith("new DateTimeOffset(new DateTime(1, 1, 1,", StringComparison.Ordinal) || text.StartsWith("new TimeSpan(0,", StringComparison.Ordinal)
               || text == "new Guid(\"00000000-0000-0000-0000-000000000000\")" || text.StartsWith("new DateOnly(1, 1, 1)", StringComparison.Ordinal);
    }

    private static void Rename(List<string> names, string from, string to)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == from) names[i] = to;
    }

    private Table? Find(string? name) => name is null ? null : schema.FindTable(name);

    private static string? GenericType(MemberAccessExpressionSyntax member) =>
        member.Name is GenericNameSyntax g ? TypeShape.SimpleName(g.TypeArgumentList.Arguments[0]) : null;

    private void CreateTable(ArgumentListSyntax args, CSharpFile file, SourceSpan span)
    {
        var name = Expressions.String(Expressions.Argument(args, "name", 0));
        if (name is null) return;
        var table = new Table { Name = name, SchemaName = Expressions.String(Expressions.Argument(args, "schema", 99)), Span = span };
        schema.Tables.RemoveAll(t => t.Name == name);
        schema.Tables.Add(table);
        // columns: table => new { Id = table.Column<int>(type: "integer", nullable: false), … }
        if (Expressions.Argument(args, "columns", 1) is LambdaExpressionSyntax { ExpressionBody: AnonymousObjectCreationExpressionSyntax columns })
        {
            foreach (var initializer in columns.Initializers)
            {
                var call = initializer.Expression.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                    .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Column" });
                if (call is null) continue;
                var property = initializer.NameEquals?.Name.Identifier.Text ?? Expressions.LastName(initializer.Expression) ?? "?";
                var columnName = Expressions.String(Expressions.Argument(call.ArgumentList, "name", 99)) ?? property;
                var columnSpan = file.Span(initializer);
                var column = MakeColumn(columnName, call.ArgumentList, GenericType((MemberAccessExpressionSyntax)call.Expression), columnSpan);
                column.IsIdentity = initializer.Expression.ToString() is var text && (text.Contains("IdentityColumn", StringComparison.Ordinal)
                    || text.Contains("Sqlite:Autoincrement", StringComparison.Ordinal) || text.Contains("SqlServer:Identity", StringComparison.Ordinal)
                    || text.Contains("MySql:ValueGenerationStrategy", StringComparison.Ordinal));
                table.Columns.Add(column);
                var annotations = initializer.Expression.ToString();
                schema.Dialect ??= annotations.Contains("Npgsql:", StringComparison.Ordinal) ? "postgresql"
                    : annotations.Contains("SqlServer:", StringComparison.Ordinal) ? "sqlserver"
                    : annotations.Contains("Sqlite:", StringComparison.Ordinal) ? "sqlite"
                    : annotations.Contains("MySql:", StringComparison.Ordinal) ? "mysql" : null;
            }
        }
        // constraints: table => { table.PrimaryKey("PK_x", x => x.Id); table.ForeignKey(…); table.UniqueConstraint(…); }
        if (Expressions.Argument(args, "constraints", 99) is LambdaExpressionSyntax constraints)
        {
            foreach (var call in constraints.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax member) continue;
                var cspan = file.Span(member.Name);
                switch (member.Name.Identifier.Text)
                {
                    case "PrimaryKey":
                        table.PrimaryKey = new PrimaryKey { Name = Expressions.String(Expressions.Argument(call.ArgumentList, "name", 0)), Span = cspan };
                        table.PrimaryKey.Columns.AddRange(ColumnNames(table, Expressions.Argument(call.ArgumentList, "columns", 1)));
                        foreach (var key in table.PrimaryKey.Columns) if (table.FindColumn(key) is { } keyColumn) keyColumn.IsPrimaryKey = true;
                        break;
                    case "ForeignKey":
                        var fk = ForeignKey(call.ArgumentList, cspan, "column", "columns", 1);
                        var selector = Expressions.Argument(call.ArgumentList, "column", 1) ?? Expressions.Argument(call.ArgumentList, "columns", 1);
                        fk.Columns.Clear();
                        fk.Columns.AddRange(ColumnNames(table, selector));
                        table.ForeignKeys.Add(fk);
                        break;
                    case "UniqueConstraint":
                        var unique = new UniqueConstraint { Name = Expressions.String(Expressions.Argument(call.ArgumentList, "name", 0)), Span = cspan };
                        unique.Columns.AddRange(ColumnNames(table, Expressions.Argument(call.ArgumentList, "columns", 1)));
                        table.UniqueConstraints.Add(unique);
                        break;
                    case "CheckConstraint":
                        if (Expressions.String(Expressions.Argument(call.ArgumentList, "sql", 1)) is { } sql)
                            table.Checks.Add(new CheckConstraint { Name = Expressions.String(Expressions.Argument(call.ArgumentList, "name", 0)), Expression = sql, Span = cspan });
                        break;
                }
            }
        }
    }

    /// <summary><c>x =&gt; x.Id</c> or <c>x =&gt; new { x.A, x.B }</c>: the column names behind the anonymous type's properties.</summary>
    private static IEnumerable<string> ColumnNames(Table table, ExpressionSyntax? selector) =>
        Expressions.Members(selector).Select(p => table.FindColumn(p)?.Name ?? p);

    private static List<string> Names(ArgumentListSyntax args, string single, string plural, int position)
    {
        if (Expressions.String(Expressions.Argument(args, single, position)) is { } one) return [one];
        var many = Expressions.Argument(args, plural, position);
        return many is null ? [] : many.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>().Select(Expressions.String).OfType<string>().ToList();
    }

    private static SchemaAudit.Model.ForeignKey ForeignKey(ArgumentListSyntax args, SourceSpan span, string single, string plural, int position)
    {
        var fk = new SchemaAudit.Model.ForeignKey
        {
            Name = Expressions.String(Expressions.Argument(args, "name", 0)),
            TargetTable = Expressions.String(Expressions.Argument(args, "principalTable", 99)) ?? "?",
            Span = span,
        };
        fk.Columns.AddRange(Names(args, single, plural, position));
        if (Expressions.String(Expressions.Argument(args, "principalColumn", 99)) is { } one) fk.TargetColumns.Add(one);
        else if (Expressions.Argument(args, "principalColumns", 99) is { } many)
            fk.TargetColumns.AddRange(many.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>().Select(Expressions.String).OfType<string>());
        fk.OnDelete = Expressions.LastName(Expressions.Argument(args, "onDelete", 99)) switch
        {
            "Cascade" => ReferentialAction.Cascade,
            "SetNull" => ReferentialAction.SetNull,
            "Restrict" => ReferentialAction.Restrict,
            "NoAction" => ReferentialAction.NoAction,
            "SetDefault" => ReferentialAction.SetDefault,
            _ => ReferentialAction.Unspecified,
        };
        return fk;
    }

    private Column MakeColumn(string name, ArgumentListSyntax? args, string? clrType, SourceSpan span, Column? old = null)
    {
        var type = args is null ? null : Expressions.String(Expressions.Argument(args, "type", 99));
        var maxLength = args is null ? null : Expressions.Int(Expressions.Argument(args, "maxLength", 99));
        var nullable = args is null ? null : Expressions.Bool(Expressions.Argument(args, "nullable", 99));
        var provider = schema.Dialect switch { "postgresql" => EfProvider.Npgsql, "sqlserver" => EfProvider.SqlServer, "sqlite" => EfProvider.Sqlite, "mysql" => EfProvider.MySql, _ => EfProvider.Unknown };
        var logical = type is not null ? StoreTypes.FromStoreType(type, provider)
            : clrType is not null ? StoreTypes.Logical(new EfProperty(name) { ClrType = clrType, MaxLength = maxLength }, provider) : old?.Type ?? LogicalType.Unknown;
        var column = new Column
        {
            Name = name,
            Type = logical,
            TypeAsWritten = type ?? old?.TypeAsWritten ?? clrType ?? "",
            Length = maxLength ?? old?.Length,
            // MigrationBuilder's nullable defaults to false for value types and true for reference types; the generator always writes it.
            Nullable = nullable ?? old?.Nullable ?? (clrType is null || !EntityReader.IsValueType(clrType)),
            IsPrimaryKey = old?.IsPrimaryKey ?? false,
            IsIdentity = old?.IsIdentity ?? false,
            Span = span,
        };
        if (args is not null && Expressions.String(Expressions.Argument(args, "defaultValueSql", 99)) is { } sql) column.ServerDefault = new DefaultValue(sql, false, span);
        else if (args is not null && Expressions.Argument(args, "defaultValue", 99) is { } value && !IsFillerDefault(value))
            column.ServerDefault = new DefaultValue(value.ToString(), false, span);
        else if (old?.ServerDefault is { } kept && args is null) column.ServerDefault = kept;
        if (type is not null && logical == LogicalType.Text && maxLength is null && type.IndexOf('(') is > 0 and var open
            && int.TryParse(type[(open + 1)..type.IndexOf(')', open)], out var length)) column.Length = length;
        return column;
    }
}
