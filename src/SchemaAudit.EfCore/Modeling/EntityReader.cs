using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaAudit.EfCore.Syntax;
using SchemaAudit.Model;

namespace SchemaAudit.EfCore.Modeling;

/// <summary>
/// Reads an entity class as EF's conventions see it: public properties with a getter and a setter are
/// scalars, properties typed with another class of the folder (or a collection of one) are navigations,
/// inherited properties of base classes that are not entities themselves come along, and data
/// annotations (<c>[Key]</c>, <c>[Required]</c>, <c>[MaxLength]</c>, <c>[Column]</c>, <c>[ForeignKey]</c>, …) are applied.
/// </summary>
internal sealed class EntityReader(CSharpSources sources)
{
    internal static readonly HashSet<string> ScalarTypes = new(StringComparer.Ordinal)
    {
        "int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "bool", "string", "char", "decimal", "double", "float",
        "Guid", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "byte[]", "Uri", "JsonDocument", "JsonElement",
        "IPAddress", "PhysicalAddress", "BigInteger", "Point", "Geometry", "Polygon", "LineString", "NpgsqlTsVector", "Instant",
        "LocalDate", "LocalDateTime", "ZonedDateTime", "Half",
    };

    private static readonly HashSet<string> s_valueTypes = new(StringComparer.Ordinal)
    {
        "int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "bool", "char", "decimal", "double", "float",
        "Guid", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "BigInteger", "Instant", "LocalDate", "LocalDateTime", "Half",
    };

    public static bool IsValueType(string clrType) => s_valueTypes.Contains(clrType);

    /// <summary>
    /// Adds the class's properties and navigations to <paramref name="entity"/>, inherited ones included; those of base
    /// classes that turn out to be entity types themselves are removed once the model is known.
    /// </summary>
    public void Read(EfEntity entity)
    {
        if (entity.Clr is null) return;
        // Inherited first, as EF orders columns: base classes that are not entity types lend their properties.
        var chain = new List<(ClassInfo Class, Dictionary<string, string> TypeArguments)>();
        var substitutions = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<ClassInfo>();
        for (var current = entity.Clr; current is not null && seen.Add(current);)
        {
            chain.Insert(0, (current, substitutions));
            var baseType = BaseClass(current, out var baseSyntax);
            if (baseType is null) break;
            substitutions = Substitute(baseType, baseSyntax, substitutions);
            current = baseType;
        }
        foreach (var (cls, typeArguments) in chain) ReadMembers(entity, cls, typeArguments);
        ReadClassAttributes(entity, entity.Clr);
    }

    /// <summary>The base class among the base list: a class of the folder that is not an interface.</summary>
    public ClassInfo? BaseClass(ClassInfo cls, out TypeSyntax? written)
    {
        written = null;
        foreach (var (type, _) in cls.BaseTypes)
        {
            var name = TypeShape.SimpleName(type);
            var resolved = sources.Resolve(name, cls);
            if (resolved is { IsInterface: false } && resolved != cls)
            {
                written = type;
                return resolved;
            }
        }
        return null;
    }

    private static Dictionary<string, string> Substitute(ClassInfo baseClass, TypeSyntax? written, Dictionary<string, string> outer)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (written is GenericNameSyntax generic || (written as QualifiedNameSyntax)?.Right is GenericNameSyntax)
        {
            var g = written as GenericNameSyntax ?? (GenericNameSyntax)((QualifiedNameSyntax)written!).Right;
            var parameters = baseClass.TypeParameters.ToList();
            for (var i = 0; i < parameters.Count && i < g.TypeArgumentList.Arguments.Count; i++)
            {
                var argument = g.TypeArgumentList.Arguments[i].ToString();
                map[parameters[i]] = outer.GetValueOrDefault(argument, argument);
            }
        }
        return map;
    }

    private void ReadMembers(EfEntity entity, ClassInfo cls, Dictionary<string, string> typeArguments)
    {
        foreach (var (member, file) in cls.Members)
        {
            if (member is not PropertyDeclarationSyntax property) continue;
            if (property.Modifiers.Any(SyntaxKind.StaticKeyword) || !property.Modifiers.Any(SyntaxKind.PublicKeyword)) continue;
            var attributes = property.AttributeLists.SelectMany(l => l.Attributes).ToList();
            if (attributes.Any(a => Expressions.AttributeName(a) == "NotMapped")) continue;
            var name = property.Identifier.Text;
            if (entity.Ignored.Contains(name)) continue;
            var accessors = property.AccessorList?.Accessors;
            var hasGetter = property.ExpressionBody is not null || accessors?.Any(a => a.IsKind(SyntaxKind.GetAccessorDeclaration)) == true;
            var hasSetter = accessors?.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration) || a.IsKind(SyntaxKind.InitAccessorDeclaration)) == true;
            var autoGetter = accessors?.Any(a => a.IsKind(SyntaxKind.GetAccessorDeclaration) && a.Body is null && a.ExpressionBody is null) == true;
            if (!hasGetter) continue;

            var typeSyntax = property.Type;
            var shape = TypeShape.Of(typeSyntax);
            var typeName = typeArguments.GetValueOrDefault(shape.Name, shape.Name);
            var nullableContext = file.NullableAt(property);
            var isVirtual = property.Modifiers.Any(SyntaxKind.VirtualKeyword);

            // Navigations: a class of the folder, or a collection of one.
            var navigationTarget = shape.IsCollection ? shape.ElementName! : typeName;
            if (IsNavigationTarget(navigationTarget, file))
            {
                if (entity.FindNavigation(name) is not null) continue;
                entity.Navigations.Add(new EfNavigation(name, navigationTarget, shape.IsCollection)
                {
                    IsVirtual = isVirtual,
                    NonNullable = !shape.IsCollection && nullableContext && !shape.QuestionMark,
                    RequiredAttribute = attributes.Any(a => Expressions.AttributeName(a) == "Required"),
                    InverseProperty = attributes.Where(a => Expressions.AttributeName(a) == "InverseProperty")
                        .Select(a => Expressions.String(Expressions.Positional(a).FirstOrDefault()?.Expression)).FirstOrDefault(),
                    ForeignKeyAttribute = ForeignKeyNames(attributes),
                    Span = file.Span(property.Identifier),
                    DeclaredIn = cls,
                });
                continue;
            }
            // Scalars need a setter (any accessibility) or an auto getter EF can fill through its backing field.
            if (!hasSetter && !autoGetter) continue;
            if (shape.IsCollection && !ScalarTypes.Contains(shape.ElementName!) && !sources.Enums.Contains(shape.ElementName!)) continue;
            if (!shape.IsCollection && !IsScalar(typeName, typeSyntax, file)) continue;
            if (entity.FindProperty(name) is { IsShadow: false }) continue;

            var isEnum = sources.Enums.Contains(typeName);
            var isValueType = IsValueType(typeName) || isEnum || sources.Resolve(typeName, file)?.IsStruct == true;
            var scalar = entity.FindProperty(name) ?? new EfProperty(name);
            if (!entity.Properties.Contains(scalar)) entity.Properties.Add(scalar);
            scalar.IsShadow = false;
            scalar.ClrType = shape.IsCollection ? shape.Name : typeName;
            scalar.CollectionOf = shape.IsCollection ? shape.ElementName : null;
            scalar.DeclaredType = shape.Written;
            scalar.IsEnum = isEnum;
            scalar.NullableContext = nullableContext;
            scalar.ClrNullable = shape.QuestionMark || (!isValueType && !nullableContext) || (shape.IsCollection && !nullableContext);
            scalar.Span = file.Span(property.Identifier);
            scalar.DeclaredIn = cls;
            ApplyPropertyAttributes(entity, scalar, attributes, file);
        }
    }

    private bool IsNavigationTarget(string typeName, CSharpFile from)
    {
        if (ScalarTypes.Contains(typeName) || sources.Enums.Contains(typeName)) return false;
        var cls = sources.Resolve(typeName, from);
        return cls is { IsStruct: false, IsInterface: false, IsStatic: false };
    }

    private bool IsScalar(string typeName, TypeSyntax type, CSharpFile from)
    {
        if (ScalarTypes.Contains(typeName) || sources.Enums.Contains(typeName)) return true;
        if (sources.Resolve(typeName, from) is { IsStruct: true }) return true;
        // A type from a library: EF maps it only when its provider knows it. Generic ones (dictionaries, delegates) it does not.
        var bare = type is NullableTypeSyntax n ? n.ElementType : type;
        if (bare is not (IdentifierNameSyntax or QualifiedNameSyntax { Right: IdentifierNameSyntax })) return false;
        if (typeName is "Type" or "Action" or "Func" or "Task" or "Exception" or "Object" or "object" or "dynamic") return false;
        // Library interfaces (IFormFile, IDictionary) are not mapped either.
        return !(typeName.Length > 1 && typeName[0] == 'I' && char.IsUpper(typeName[1]));
    }

    private static List<string>? ForeignKeyNames(List<AttributeSyntax> attributes)
    {
        var attribute = attributes.Find(a => Expressions.AttributeName(a) == "ForeignKey");
        var text = attribute is null ? null : Expressions.String(Expressions.Positional(attribute).FirstOrDefault()?.Expression);
        return text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static void ApplyPropertyAttributes(EfEntity entity, EfProperty property, List<AttributeSyntax> attributes, CSharpFile file)
    {
        foreach (var attribute in attributes)
        {
            var first = Expressions.Positional(attribute).FirstOrDefault()?.Expression;
            switch (Expressions.AttributeName(attribute))
            {
                case "Key":
                    entity.Key ??= [];
                    if (!entity.Key.Contains(property.Name)) entity.Key.Add(property.Name);
                    entity.KeySpan = file.Span(attribute);
                    break;
                case "Required":
                    property.Required = true;
                    property.RequiredSpan = file.Span(attribute);
                    break;
                case "MaxLength" or "StringLength":
                    property.MaxLength = Expressions.Int(first) ?? property.MaxLength;
                    break;
                case "Column":
                    property.ColumnName = Expressions.String(first) ?? property.ColumnName;
                    property.ColumnType = Expressions.String(Expressions.Named(attribute, "TypeName")) ?? property.ColumnType;
                    break;
                case "Precision":
                    var arguments = Expressions.Positional(attribute).ToList();
                    property.Precision = Expressions.Int(first);
                    property.Scale = arguments.Count > 1 ? Expressions.Int(arguments[1].Expression) : null;
                    break;
                case "Unicode":
                    property.Unicode = Expressions.Bool(first) ?? true;
                    break;
                case "Timestamp":
                    property.IsRowVersion = true;
                    break;
                case "DatabaseGenerated":
                    var option = Expressions.LastName(first);
                    if (option == "None") property.ValueGeneratedNever = true;
                    else if (option == "Identity") property.ValueGeneratedOnAdd = true;
                    break;
                case "ForeignKey":
                    // On a scalar: names the navigation it is the FK of; the relationship reader pairs them.
                    break;
                case "Comment":
                    property.Comment = Expressions.String(first);
                    break;
            }
        }
    }

    private static void ReadClassAttributes(EfEntity entity, ClassInfo cls)
    {
        foreach (var (attribute, file) in cls.Attributes)
        {
            var positional = Expressions.Positional(attribute).Select(a => a.Expression).ToList();
            switch (Expressions.AttributeName(attribute))
            {
                case "Table":
                    entity.TableName = Expressions.String(positional.FirstOrDefault()) ?? entity.TableName;
                    entity.Schema = Expressions.String(Expressions.Named(attribute, "Schema")) ?? entity.Schema;
                    entity.TableExplicit = true;
                    break;
                case "Keyless":
                    entity.Keyless = true;
                    break;
                case "PrimaryKey":
                    entity.Key = positional.Select(Expressions.String).OfType<string>().ToList();
                    entity.KeySpan = file.Span(attribute);
                    break;
                case "Index":
                    var index = new EfIndex
                    {
                        Unique = Expressions.Bool(Expressions.Named(attribute, "IsUnique")) ?? false,
                        Name = Expressions.String(Expressions.Named(attribute, "Name")),
                        Span = file.Span(attribute),
                    };
                    index.Properties.AddRange(positional.Select(Expressions.String).OfType<string>());
                    if (index.Properties.Count > 0) entity.Indexes.Add(index);
                    break;
                case "Owned":
                    entity.IsOwned = true;
                    break;
                case "Comment":
                    entity.Comment = Expressions.String(positional.FirstOrDefault());
                    break;
            }
        }
    }

    /// <summary>Scalar properties declared with <c>[ForeignKey("Nav")]</c>: property name → navigation name.</summary>
    public static IEnumerable<(string Property, string Navigation)> ForeignKeyAttributesOnScalars(ClassInfo cls)
    {
        foreach (var (member, _) in cls.Members)
        {
            if (member is not PropertyDeclarationSyntax property) continue;
            foreach (var attribute in property.AttributeLists.SelectMany(l => l.Attributes))
            {
                if (Expressions.AttributeName(attribute) != "ForeignKey") continue;
                if (Expressions.String(Expressions.Positional(attribute).FirstOrDefault()?.Expression) is { } navigation)
                    yield return (property.Identifier.Text, navigation);
            }
        }
    }
}
