using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaAudit.EfCore.Syntax;
using SchemaAudit.Model;

namespace SchemaAudit.EfCore.Modeling;

/// <summary>
/// Follows EF's fluent API through <c>OnModelCreating</c>, <c>IEntityTypeConfiguration&lt;T&gt;.Configure</c>
/// and the helper methods they call, statement by statement, tracking what each builder variable
/// stands for (the model, an entity, a property, an index, a relationship). Nothing is run: a call
/// it cannot follow (a loop over <c>Model.GetEntityTypes()</c>) is skipped.
/// </summary>
internal sealed class FluentReader(EfModelBuilder model, CSharpSources sources)
{
    private abstract record Target;
    private sealed record ModelTarget : Target;
    private sealed record EntityTarget(EfEntity Entity) : Target;
    private sealed record PropertyTarget(EfEntity Entity, EfProperty Property) : Target;
    private sealed record IndexTarget(EfIndex Index) : Target;
    private sealed record KeyTarget(EfEntity Entity) : Target;
    private sealed record RelationshipTarget(EfRelationship Relationship, bool FromCollection) : Target;
    private sealed record OwnershipTarget(EfEntity Owned) : Target;
    private sealed record NavigationTarget(EfEntity Entity, string Name) : Target;

    private readonly HashSet<SyntaxNode> _reading = [];
    private int _depth;

    /// <summary>Reads <c>OnModelCreating(ModelBuilder modelBuilder)</c>.</summary>
    public void ReadOnModelCreating(MethodDeclarationSyntax method, CSharpFile file, ClassInfo owner)
    {
        var parameter = method.ParameterList.Parameters.FirstOrDefault()?.Identifier.Text;
        if (parameter is null) return;
        ReadBody(method, file, owner, new Dictionary<string, Target>(StringComparer.Ordinal) { [parameter] = new ModelTarget() });
    }

    /// <summary>Reads a configuration class's <c>Configure(EntityTypeBuilder&lt;T&gt; builder)</c> for <paramref name="entity"/>.</summary>
    public void ReadConfiguration(ClassInfo configuration, EfEntity entity)
    {
        for (var cls = configuration; cls is not null;)
        {
            foreach (var (member, file) in cls.Members)
            {
                if (member is not MethodDeclarationSyntax { Identifier.Text: "Configure" } configure || configure.ParameterList.Parameters.Count != 1) continue;
                var parameter = configure.ParameterList.Parameters[0].Identifier.Text;
                ReadBody(configure, file, cls, new Dictionary<string, Target>(StringComparer.Ordinal) { [parameter] = new EntityTarget(entity) });
            }
            // base.Configure(builder) in a derived configuration: the base's Configure is read as well.
            cls = new EntityReader(sources).BaseClass(cls, out _);
        }
    }

    private void ReadBody(BaseMethodDeclarationSyntax method, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        if (!_reading.Add(method) || _depth > 12) return;
        _depth++;
        try
        {
            if (method.Body is not null) ReadStatements(method.Body.Statements, file, owner, env);
            else if (method.ExpressionBody is not null) Evaluate(method.ExpressionBody.Expression, file, owner, env);
        }
        finally
        {
            _depth--;
            _reading.Remove(method);
        }
    }

    private void ReadStatements(IEnumerable<StatementSyntax> statements, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case ExpressionStatementSyntax expression:
                    Evaluate(expression.Expression, file, owner, env);
                    break;
                case LocalDeclarationStatementSyntax local:
                    foreach (var variable in local.Declaration.Variables)
                        if (variable.Initializer is not null && Evaluate(variable.Initializer.Value, file, owner, env) is { } target)
                            env[variable.Identifier.Text] = target;
                    break;
                case BlockSyntax block:
                    ReadStatements(block.Statements, file, owner, env);
                    break;
                case IfStatementSyntax ifStatement:
                    ReadStatements([ifStatement.Statement], file, owner, env);
                    if (ifStatement.Else is not null) ReadStatements([ifStatement.Else.Statement], file, owner, env);
                    break;
                case UsingStatementSyntax { Statement: { } body }:
                    ReadStatements([body], file, owner, env);
                    break;
            }
        }
    }

    private Target? Evaluate(ExpressionSyntax expression, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        switch (expression)
        {
            case IdentifierNameSyntax identifier:
                return env.GetValueOrDefault(identifier.Identifier.Text);
            case ParenthesizedExpressionSyntax parenthesized:
                return Evaluate(parenthesized.Expression, file, owner, env);
            case CastExpressionSyntax cast:
                return Evaluate(cast.Expression, file, owner, env);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call:
                var receiver = Evaluate(member.Expression, file, owner, env);
                if (receiver is null)
                {
                    // A helper called on something else with a builder as argument: Helper.Configure(modelBuilder).
                    FollowHelper(member.Name.Identifier.Text, call.ArgumentList, null, file, owner, env);
                    return null;
                }
                return Apply(receiver, member.Name, call, file, owner, env);
            case InvocationExpressionSyntax { Expression: SimpleNameSyntax name } call:
                FollowHelper(name.Identifier.Text, call.ArgumentList, null, file, owner, env);
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A method of the folder that receives a builder (<c>ConfigureUsers(modelBuilder)</c>,
    /// <c>modelBuilder.ApplyMyConventions()</c>): its body is read with its parameters bound.
    /// </summary>
    private void FollowHelper(string name, ArgumentListSyntax arguments, Target? thisTarget, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        var values = arguments.Arguments.Select(a => a.Expression is IdentifierNameSyntax or ParenthesizedExpressionSyntax or InvocationExpressionSyntax
            ? Evaluate(a.Expression, file, owner, env) : null).ToList();
        if (thisTarget is null && values.All(v => v is null)) return;
        var candidates = owner.Members.Where(m => m.Member is MethodDeclarationSyntax method && method.Identifier.Text == name)
            .Concat(thisTarget is null ? [] : model.ExtensionMethods(name)).ToList();
        foreach (var (member, methodFile) in candidates)
        {
            var method = (MethodDeclarationSyntax)member;
            var parameters = method.ParameterList.Parameters;
            var isExtension = parameters.Count > 0 && parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword);
            var bound = new Dictionary<string, Target>(StringComparer.Ordinal);
            var offset = 0;
            if (isExtension && thisTarget is not null)
            {
                bound[parameters[0].Identifier.Text] = thisTarget;
                offset = 1;
            }
            else if (thisTarget is not null) continue;
            for (var i = 0; i < values.Count && i + offset < parameters.Count; i++)
                if (values[i] is { } value) bound[parameters[i + offset].Identifier.Text] = value;
            if (bound.Count == 0) continue;
            var declaring = sources.Classes.FirstOrDefault(c => c.Parts.Any(p => p.Syntax.Members.Contains(method))) ?? owner;
            ReadBody(method, methodFile, declaring, bound);
        }
    }

    private Target? Apply(Target receiver, SimpleNameSyntax method, InvocationExpressionSyntax call, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        var name = method.Identifier.Text;
        var generic = (method as GenericNameSyntax)?.TypeArgumentList.Arguments;
        var arguments = call.ArgumentList;
        var first = arguments.Arguments.FirstOrDefault()?.Expression;
        var span = file.Span(call.Expression is MemberAccessExpressionSyntax m ? m.Name : call);
        switch (receiver)
        {
            case ModelTarget:
                return ApplyToModel(name, generic, arguments, first, span, file, owner, env);
            case EntityTarget entity:
                return ApplyToEntity(entity.Entity, name, generic, arguments, first, span, file, owner, env);
            case PropertyTarget property:
                ApplyToProperty(property.Property, name, arguments, first, span);
                return property;
            case IndexTarget index:
                switch (name)
                {
                    case "IsUnique": index.Index.Unique = Expressions.Bool(first) ?? true; break;
                    case "HasFilter": index.Index.Filter = Expressions.String(first); break;
                    case "HasDatabaseName" or "HasName": index.Index.Name = Expressions.String(first); break;
                    case "HasMethod": index.Index.Method = Expressions.String(first); break;
                }
                return index;
            case KeyTarget:
                return receiver;
            case RelationshipTarget relationship:
                return ApplyToRelationship(relationship, name, generic, arguments, first, span, file, owner, env);
            case OwnershipTarget ownership:
                if (name == "HasForeignKey") ownership.Owned.OwnerForeignKey = Expressions.Members(arguments);
                return ownership;
            case NavigationTarget navigation:
                if (name == "IsRequired" && navigation.Entity.Navigations.Find(n => n.Name == navigation.Name) is null)
                    model.RequiredOwnedNavigations.Add((navigation.Entity, navigation.Name));
                return navigation;
        }
        return null;
    }

    private Target? ApplyToModel(string name, SeparatedSyntaxList<TypeSyntax>? generic, ArgumentListSyntax arguments, ExpressionSyntax? first,
        SourceSpan span, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        switch (name)
        {
            case "Entity" or "SharedTypeEntity":
                var typeName = TypeArgument(generic, 0) ?? TypeOf(first) ?? Expressions.String(first);
                if (typeName is null) return null;
                var entity = model.Entity(typeName, span);
                if (name == "SharedTypeEntity" && Expressions.String(first) is { } shared && generic is not null) entity = model.Entity(shared, span, TypeArgument(generic, 0));
                BindLambdas(arguments, new EntityTarget(entity), file, owner, env);
                return new EntityTarget(entity);
            case "ApplyConfiguration":
                if (first is ObjectCreationExpressionSyntax creation && sources.Resolve(TypeShape.SimpleName(creation.Type), file) is { } configuration)
                    model.ApplyConfiguration(configuration, span);
                return new ModelTarget();
            case "ApplyConfigurationsFromAssembly":
                model.ApplyAllConfigurations(TypeOf(first is MemberAccessExpressionSyntax assembly ? assembly.Expression : first), span);
                return new ModelTarget();
            case "HasDefaultSchema":
                model.DefaultSchema = Expressions.String(first);
                return new ModelTarget();
            case "Ignore":
                if ((TypeArgument(generic, 0) ?? TypeOf(first)) is { } ignored) model.IgnoredTypes.Add(ignored);
                return new ModelTarget();
            case "Owned":
                if ((TypeArgument(generic, 0) ?? TypeOf(first)) is { } owned) model.OwnedTypes.Add(owned);
                return new ModelTarget();
            default:
                FollowHelper(name, arguments, new ModelTarget(), file, owner, env);
                return new ModelTarget();
        }
    }

    private Target? ApplyToEntity(EfEntity entity, string name, SeparatedSyntaxList<TypeSyntax>? generic, ArgumentListSyntax arguments, ExpressionSyntax? first,
        SourceSpan span, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        switch (name)
        {
            case "ToTable":
                var table = Expressions.String(first);
                if (table is not null || first is LiteralExpressionSyntax { Token.ValueText: "null" })
                {
                    entity.TableName = table;
                    entity.TableExplicit = true;
                    entity.NoTable = table is null;
                }
                if (Expressions.Argument(arguments, "schema", 1) is { } schemaArgument && Expressions.String(schemaArgument) is { } schema) entity.Schema = schema;
                ReadTableBuilder(entity, arguments, file);
                return new EntityTarget(entity);
            case "ToView" or "ToSqlQuery" or "ToFunction":
                entity.NoTable = true;
                return new EntityTarget(entity);
            case "HasKey" or "HasAlternateKey":
                var key = Expressions.Members(arguments);
                if (key.Count == 0) return new KeyTarget(entity);
                if (name == "HasKey")
                {
                    entity.Key = key;
                    entity.KeySpan = span;
                }
                else entity.AlternateKeys.Add(key);
                return new KeyTarget(entity);
            case "HasNoKey":
                entity.Keyless = true;
                return new EntityTarget(entity);
            case "Property" or "PrimitiveCollection":
                var propertyName = Expressions.Members(arguments).LastOrDefault();
                if (propertyName is null) return null;
                var property = model.ScalarFor(entity, propertyName, span, TypeArgument(generic, 0) ?? TypeOf(first));
                return new PropertyTarget(entity, property);
            case "Ignore":
                foreach (var ignored in Expressions.Members(arguments)) model.Ignore(entity, ignored);
                return new EntityTarget(entity);
            case "HasIndex":
                var index = new EfIndex { Span = span };
                var selector = arguments.Arguments.FirstOrDefault(a => a.Expression is LambdaExpressionSyntax);
                if (selector is not null)
                {
                    index.Properties.AddRange(Expressions.Members(selector.Expression));
                    index.Name = arguments.Arguments.Count > 1 ? Expressions.String(arguments.Arguments[1].Expression) : null;
                }
                else index.Properties.AddRange(Expressions.Members(arguments));
                if (index.Properties.Count == 0) return null;
                entity.Indexes.Add(index);
                return new IndexTarget(index);
            case "HasOne" or "HasMany":
                return StartRelationship(entity, name == "HasMany", generic, arguments, first, span);
            case "OwnsOne" or "OwnsMany" or "ComplexProperty" or "ComplexCollection":
                return Own(entity, name is "OwnsMany" or "ComplexCollection", generic, arguments, span, file, owner, env);
            case "WithOwner":
                return new OwnershipTarget(entity);
            case "HasQueryFilter":
                entity.QueryFilter = arguments.Arguments.LastOrDefault()?.Expression.ToString();
                return new EntityTarget(entity);
            case "UseTptMappingStrategy":
                entity.Strategy = InheritanceStrategy.Tpt;
                return new EntityTarget(entity);
            case "UseTpcMappingStrategy":
                entity.Strategy = InheritanceStrategy.Tpc;
                return new EntityTarget(entity);
            case "UseTphMappingStrategy":
                entity.Strategy = InheritanceStrategy.Tph;
                return new EntityTarget(entity);
            case "HasDiscriminator":
                entity.Strategy ??= InheritanceStrategy.Tph;
                entity.DiscriminatorName = Expressions.Members(arguments).FirstOrDefault() ?? "Discriminator";
                return null;
            case "HasBaseType":
                var baseName = TypeArgument(generic, 0) ?? TypeOf(first) ?? Expressions.String(first);
                if (baseName is null) entity.BaseExplicitlyCleared = true;
                else model.ExplicitBases[entity] = model.Entity(baseName, span);
                return new EntityTarget(entity);
            case "Navigation":
                return Expressions.Members(arguments).LastOrDefault() is { } navigation ? new NavigationTarget(entity, navigation) : null;
            case "HasCheckConstraint":
                if (Expressions.String(first) is { } checkName && arguments.Arguments.Count > 1 && Expressions.String(arguments.Arguments[1].Expression) is { } sql)
                    entity.Checks.Add((checkName, sql, span));
                return new EntityTarget(entity);
            case "HasComment":
                entity.Comment = Expressions.String(first);
                return new EntityTarget(entity);
            case "HasData" or "HasAnnotation" or "HasChangeTrackingStrategy" or "UsePropertyAccessMode" or "IsMemoryOptimized" or "HasSequence":
                return new EntityTarget(entity);
            default:
                FollowHelper(name, arguments, new EntityTarget(entity), file, owner, env);
                return new EntityTarget(entity);
        }
    }

    /// <summary><c>ToTable("t", t =&gt; t.HasCheckConstraint(...))</c> and <c>ToTable(t =&gt; t.HasComment(...))</c>.</summary>
    private static void ReadTableBuilder(EfEntity entity, ArgumentListSyntax arguments, CSharpFile file)
    {
        foreach (var lambda in arguments.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>())
        {
            foreach (var call in lambda.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: "HasCheckConstraint" } member) continue;
                var args = call.ArgumentList.Arguments;
                if (args.Count >= 2 && Expressions.String(args[1].Expression) is { } sql)
                    entity.Checks.Add((Expressions.String(args[0].Expression), sql, file.Span(member.Name)));
            }
        }
    }

    private static void ApplyToProperty(EfProperty property, string name, ArgumentListSyntax arguments, ExpressionSyntax? first, SourceSpan span)
    {
        switch (name)
        {
            case "IsRequired":
                property.Required = Expressions.Bool(first) ?? true;
                property.RequiredSpan = span;
                break;
            case "HasMaxLength": property.MaxLength = Expressions.Int(first); break;
            case "HasColumnName": property.ColumnName = Expressions.String(first) ?? property.ColumnName; break;
            case "HasColumnType": property.ColumnType = Expressions.String(first); break;
            case "HasDefaultValueSql":
                property.DefaultSql = Expressions.String(first) ?? first?.ToString() ?? "";
                property.Span = property.IsShadow ? span : property.Span;
                break;
            case "HasDefaultValue": property.DefaultValue = first?.ToString() ?? "default"; break;
            case "HasComputedColumnSql": property.ComputedSql = Expressions.String(first) ?? ""; break;
            case "HasPrecision":
                property.Precision = Expressions.Int(first);
                property.Scale = arguments.Arguments.Count > 1 ? Expressions.Int(arguments.Arguments[1].Expression) : null;
                break;
            case "HasConversion":
                property.ConvertedTo = ConversionTarget(arguments, (arguments.Parent as InvocationExpressionSyntax)?.Expression);
                break;
            case "ValueGeneratedNever": property.ValueGeneratedNever = true; break;
            case "ValueGeneratedOnAdd" or "UseIdentityColumn" or "UseIdentityAlwaysColumn" or "UseIdentityByDefaultColumn" or "UseSerialColumn" or "UseHiLo":
                property.ValueGeneratedOnAdd = true;
                break;
            case "IsRowVersion": property.IsRowVersion = true; break;
            case "IsUnicode": property.Unicode = Expressions.Bool(first) ?? true; break;
            case "IsFixedLength": property.FixedLength = Expressions.Bool(first) ?? true; break;
            case "HasComment": property.Comment = Expressions.String(first); break;
            case "UseCollation": property.Collation = Expressions.String(first); break;
        }
    }

    /// <summary>What a conversion stores: <c>HasConversion&lt;string&gt;()</c>, <c>new EnumToStringConverter&lt;…&gt;()</c>, or lambdas (unknown: <c>?</c>).</summary>
    private static string ConversionTarget(ArgumentListSyntax arguments, ExpressionSyntax? callee)
    {
        if (callee is MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } && generic.TypeArgumentList.Arguments.Count == 1)
        {
            var target = TypeShape.SimpleName(generic.TypeArgumentList.Arguments[0]);
            return EntityReader.ScalarTypes.Contains(target) ? target : "?";
        }
        var text = arguments.ToString();
        if (text.Contains("EnumToString", StringComparison.Ordinal) || text.Contains(".ToString()", StringComparison.Ordinal)) return "string";
        if (text.Contains("JsonSerializer.Serialize", StringComparison.Ordinal)) return "string";
        return "?";
    }

    private RelationshipTarget StartRelationship(EfEntity from, bool collection, SeparatedSyntaxList<TypeSyntax>? generic, ArgumentListSyntax arguments,
        ExpressionSyntax? first, SourceSpan span)
    {
        // HasOne(x => x.Blog), HasOne<Blog>(), HasOne("Blog"), HasOne(typeof(Blog)), snapshot: HasOne("Ns.Blog", "Blog").
        string? navigation = null;
        string? targetName = TypeArgument(generic, 0);
        if (first is LambdaExpressionSyntax) navigation = Expressions.Members(first).LastOrDefault();
        else if (TypeOf(first) is { } typeOf) targetName = typeOf;
        else if (Expressions.String(first) is { } text)
        {
            if (arguments.Arguments.Count > 1)
            {
                targetName = text;
                navigation = Expressions.String(arguments.Arguments[1].Expression);
            }
            else if (from.FindNavigation(text) is not null) navigation = text;
            else targetName = text;
        }
        if (navigation is not null && from.FindNavigation(navigation) is { } nav) targetName ??= nav.Target;
        var target = targetName is null ? from : model.Entity(targetName, span);
        var relationship = new EfRelationship
        {
            Principal = collection ? from : target,
            Dependent = collection ? target : from,
            PrincipalNavigation = collection ? navigation : null,
            DependentNavigation = collection ? null : navigation,
            Configured = true,
            Span = span,
        };
        model.Relationships.Add(relationship);
        return new RelationshipTarget(relationship, collection);
    }

    private Target ApplyToRelationship(RelationshipTarget state, string name, SeparatedSyntaxList<TypeSyntax>? generic, ArgumentListSyntax arguments,
        ExpressionSyntax? first, SourceSpan span, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        var relationship = state.Relationship;
        var navigation = first is LambdaExpressionSyntax ? Expressions.Members(first).LastOrDefault() : Expressions.String(first);
        switch (name)
        {
            case "WithMany" when state.FromCollection:
                relationship.ManyToMany = true;
                relationship.DependentNavigation = navigation;
                break;
            case "WithMany":
                relationship.PrincipalNavigation = navigation;
                relationship.PrincipalIsCollection = true;
                break;
            case "WithOne" when state.FromCollection:
                relationship.DependentNavigation = navigation;
                break;
            case "WithOne":
                relationship.PrincipalNavigation = navigation;
                relationship.PrincipalIsCollection = false;
                relationship.DependentUndecided = true;
                break;
            case "HasForeignKey":
                var dependentType = TypeArgument(generic, 0) ?? (arguments.Arguments.Count > 1 && first is LiteralExpressionSyntax ? Expressions.String(first) : null);
                if (dependentType is not null && !relationship.PrincipalIsCollection) Orient(relationship, dependentType);
                relationship.DependentUndecided = false;
                relationship.ForeignKey = dependentType is not null && first is LiteralExpressionSyntax && generic is null
                    ? arguments.Arguments.Skip(1).Select(a => Expressions.String(a.Expression)).OfType<string>().ToList()
                    : Expressions.Members(arguments);
                break;
            case "HasPrincipalKey":
                var principalType = TypeArgument(generic, 0);
                if (principalType is not null && !relationship.PrincipalIsCollection && model.Entity(principalType, span) == relationship.Dependent)
                    (relationship.Principal, relationship.Dependent, relationship.PrincipalNavigation, relationship.DependentNavigation) =
                        (relationship.Dependent, relationship.Principal, relationship.DependentNavigation, relationship.PrincipalNavigation);
                relationship.PrincipalKey = generic is null && arguments.Arguments.Count > 1 && first is LiteralExpressionSyntax && !relationship.PrincipalIsCollection
                    ? arguments.Arguments.Skip(1).Select(a => Expressions.String(a.Expression)).OfType<string>().ToList()
                    : Expressions.Members(arguments);
                break;
            case "IsRequired":
                relationship.Required = Expressions.Bool(first) ?? true;
                break;
            case "OnDelete":
                relationship.OnDelete = Enum.TryParse<DeleteBehavior>(Expressions.LastName(first), out var behavior) ? behavior : DeleteBehavior.Default;
                relationship.OnDeleteSpan = span;
                break;
            case "HasConstraintName":
                relationship.ConstraintName = Expressions.String(first);
                break;
            case "UsingEntity":
                UsingEntity(relationship, generic, arguments, span, file, owner, env);
                break;
        }
        return state;
    }

    private void Orient(EfRelationship relationship, string dependentType)
    {
        var dependent = model.FindEntity(dependentType);
        if (dependent is null || dependent == relationship.Dependent) return;
        if (dependent == relationship.Principal)
            (relationship.Principal, relationship.Dependent, relationship.PrincipalNavigation, relationship.DependentNavigation) =
                (relationship.Dependent, relationship.Principal, relationship.DependentNavigation, relationship.PrincipalNavigation);
    }

    private void UsingEntity(EfRelationship relationship, SeparatedSyntaxList<TypeSyntax>? generic, ArgumentListSyntax arguments, SourceSpan span,
        CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        var joinType = TypeArgument(generic, 0);
        var joinName = arguments.Arguments.Select(a => Expressions.String(a.Expression)).FirstOrDefault(s => s is not null);
        EfEntity join;
        if (joinType is not null && joinType != "Dictionary" && sources.Resolve(joinType, file) is not null) join = model.Entity(joinType, span);
        else
        {
            join = model.Entity(joinName ?? $"{relationship.Principal.Name}{relationship.Dependent.Name}", span, clrName: "");
            join.IsJoinEntity = true;
        }
        if (joinName is not null && joinType is not null && joinType != "Dictionary") join.TableName ??= joinName;
        relationship.JoinEntity = join;
        relationship.JoinTable = joinName;
        var lambdas = arguments.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>().ToList();
        var before = model.Relationships.Count;
        foreach (var lambda in lambdas) BindLambda(lambda, new EntityTarget(join), file, owner, env);
        // The left/right lambdas configure the join entity's two FKs (l.HasOne(…).WithMany().HasForeignKey(…)).
        foreach (var joinRelationship in model.Relationships.Skip(before)) joinRelationship.Configured = true;
    }

    private Target Own(EfEntity owner, bool many, SeparatedSyntaxList<TypeSyntax>? generic, ArgumentListSyntax arguments, SourceSpan span,
        CSharpFile file, ClassInfo ownerClass, Dictionary<string, Target> env)
    {
        var args = arguments.Arguments.Select(a => a.Expression).ToList();
        string? navigation = null;
        var typeName = TypeArgument(generic, 0);
        foreach (var argument in args)
        {
            if (argument is SimpleLambdaExpressionSyntax { ExpressionBody: MemberAccessExpressionSyntax } selector && navigation is null)
                navigation = Expressions.Members(selector).LastOrDefault();
            else if (TypeOf(argument) is { } type) typeName = type;
            else if (Expressions.String(argument) is { } text)
            {
                if (navigation is null && typeName is null && args.Count(a => Expressions.String(a) is not null) > 1) typeName = text;
                else navigation = text;
            }
        }
        if (navigation is null) return new EntityTarget(owner);
        var declared = owner.FindNavigation(navigation);
        typeName ??= declared?.Target;
        if (typeName is null) return new EntityTarget(owner);
        var owned = model.Owned(owner, navigation, typeName, many, span);
        var builder = args.OfType<LambdaExpressionSyntax>().FirstOrDefault(l => l is ParenthesizedLambdaExpressionSyntax || l.Block is not null
            || l is SimpleLambdaExpressionSyntax { ExpressionBody: not MemberAccessExpressionSyntax });
        if (builder is null) return new EntityTarget(owned);
        BindLambda(builder, new EntityTarget(owned), file, ownerClass, env);
        return new EntityTarget(owner);
    }

    private void BindLambdas(ArgumentListSyntax arguments, Target target, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        foreach (var lambda in arguments.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>())
            BindLambda(lambda, target, file, owner, env);
    }

    private void BindLambda(LambdaExpressionSyntax lambda, Target target, CSharpFile file, ClassInfo owner, Dictionary<string, Target> env)
    {
        var parameter = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.Text,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.Text,
            _ => null,
        };
        if (parameter is null) return;
        var inner = new Dictionary<string, Target>(env, StringComparer.Ordinal) { [parameter] = target };
        if (lambda.Block is not null) ReadStatements(lambda.Block.Statements, file, owner, inner);
        else if (lambda.ExpressionBody is not null) Evaluate(lambda.ExpressionBody, file, owner, inner);
    }

    private static string? TypeArgument(SeparatedSyntaxList<TypeSyntax>? generic, int index) =>
        generic is { } list && index < list.Count ? TypeShape.SimpleName(list[index]) : null;

    private static string? TypeOf(ExpressionSyntax? expression) =>
        expression is TypeOfExpressionSyntax typeOf ? TypeShape.SimpleName(typeOf.Type) : null;
}
