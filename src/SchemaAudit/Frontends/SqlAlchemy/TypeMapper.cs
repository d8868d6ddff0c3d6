using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>A column type as read from source.</summary>
internal readonly record struct ColumnType(LogicalType Type, int? Length = null, string? EnumName = null);

/// <summary>
/// Maps SQLAlchemy type expressions (generic, SQL-standard upper case, <c>sa.</c>/<c>db.</c> prefixed,
/// dialect types, project <c>TypeDecorator</c>s) and Python annotations to logical types.
/// </summary>
internal sealed class TypeMapper(ProjectIndex index)
{
    private const int MaxDepth = 12;

    private static readonly Dictionary<string, LogicalType> s_typeNames = new(StringComparer.Ordinal)
    {
        ["Integer"] = LogicalType.Int32, ["INTEGER"] = LogicalType.Int32, ["INT"] = LogicalType.Int32, ["MEDIUMINT"] = LogicalType.Int32,
        ["BigInteger"] = LogicalType.Int64, ["BIGINT"] = LogicalType.Int64,
        ["SmallInteger"] = LogicalType.Int16, ["SMALLINT"] = LogicalType.Int16, ["TINYINT"] = LogicalType.Int16,
        ["String"] = LogicalType.Text, ["Text"] = LogicalType.Text, ["Unicode"] = LogicalType.Text, ["UnicodeText"] = LogicalType.Text,
        ["VARCHAR"] = LogicalType.Text, ["CHAR"] = LogicalType.Text, ["NVARCHAR"] = LogicalType.Text, ["NCHAR"] = LogicalType.Text,
        ["TEXT"] = LogicalType.Text, ["CLOB"] = LogicalType.Text, ["CITEXT"] = LogicalType.Text, ["AutoString"] = LogicalType.Text,
        ["LONGTEXT"] = LogicalType.Text, ["MEDIUMTEXT"] = LogicalType.Text, ["TINYTEXT"] = LogicalType.Text,
        ["EmailType"] = LogicalType.Text, ["URLType"] = LogicalType.Text, ["PhoneNumberType"] = LogicalType.Text,
        ["Boolean"] = LogicalType.Bool, ["BOOLEAN"] = LogicalType.Bool, ["BIT"] = LogicalType.Bool,
        ["DateTime"] = LogicalType.Timestamp, ["DATETIME"] = LogicalType.Timestamp, ["TIMESTAMP"] = LogicalType.Timestamp,
        ["Date"] = LogicalType.Date, ["DATE"] = LogicalType.Date,
        ["Time"] = LogicalType.Time, ["TIME"] = LogicalType.Time,
        ["Interval"] = LogicalType.Interval, ["INTERVAL"] = LogicalType.Interval,
        ["Numeric"] = LogicalType.Decimal, ["NUMERIC"] = LogicalType.Decimal, ["DECIMAL"] = LogicalType.Decimal, ["Decimal"] = LogicalType.Decimal, ["MONEY"] = LogicalType.Decimal,
        ["Float"] = LogicalType.Float, ["FLOAT"] = LogicalType.Float, ["REAL"] = LogicalType.Float, ["Double"] = LogicalType.Float,
        ["DOUBLE"] = LogicalType.Float, ["DOUBLE_PRECISION"] = LogicalType.Float,
        ["JSON"] = LogicalType.Json, ["JSONType"] = LogicalType.Json,
        ["JSONB"] = LogicalType.Jsonb,
        ["UUID"] = LogicalType.Uuid, ["Uuid"] = LogicalType.Uuid, ["UUIDType"] = LogicalType.Uuid, ["GUID"] = LogicalType.Uuid,
        ["Enum"] = LogicalType.Enum, ["ENUM"] = LogicalType.Enum, ["ChoiceType"] = LogicalType.Enum,
        ["LargeBinary"] = LogicalType.Binary, ["BYTEA"] = LogicalType.Binary, ["BLOB"] = LogicalType.Binary, ["BINARY"] = LogicalType.Binary,
        ["VARBINARY"] = LogicalType.Binary, ["PickleType"] = LogicalType.Binary, ["LONGBLOB"] = LogicalType.Binary, ["PasswordType"] = LogicalType.Binary,
        ["ARRAY"] = LogicalType.Array, ["ScalarListType"] = LogicalType.Text,
    };

    private static readonly HashSet<string> s_lengthTypes = new(StringComparer.Ordinal)
    {
        "String", "Unicode", "VARCHAR", "CHAR", "NVARCHAR", "NCHAR", "AutoString", "LargeBinary", "VARBINARY", "BINARY", "Text", "UnicodeText",
    };

    private static readonly HashSet<string> s_enumBases = new(StringComparer.Ordinal)
    {
        "Enum", "StrEnum", "IntEnum", "Flag", "IntFlag",
    };

    /// <summary>Enum types met while mapping, by name.</summary>
    public Dictionary<string, EnumType> Enums { get; } = new(StringComparer.Ordinal);

    /// <summary>Maps a type expression (<c>String(50)</c>, <c>sa.DateTime(timezone=True)</c>, <c>JSONB</c>).</summary>
    public ColumnType Map(ModuleInfo module, PyExpr expr, int depth = 0)
    {
        if (depth > MaxDepth) return default;
        var call = expr as PyCall;
        var func = call?.Func ?? expr;

        // JSON().with_variant(JSONB(), "postgresql"), MutableDict.as_mutable(JSONB)
        if (call is not null && func is PyAttribute method)
        {
            if (method.Attr == "with_variant")
            {
                var variant = call.PositionalAt(0);
                var dialect = PyExpressions.AsString(call.PositionalAt(1));
                return variant is not null && dialect == "postgresql" ? Map(module, variant, depth + 1) : Map(module, method.Value, depth + 1);
            }
            if (method.Attr is "as_mutable" && call.PositionalAt(0) is { } inner) return Map(module, inner, depth + 1);
        }

        var symbol = index.Resolve(module, func);
        if (symbol is ClassSymbol cs) return MapProjectClass(cs.Class, call, depth);
        // A type kept in a module variable: `post_status = ENUM(..., name="post_status")`, then `mapped_column(post_status)`.
        if (call is null && symbol is VariableSymbol variable) return Map(variable.Module, variable.Value, depth + 1);
        var name = PyExpressions.LastName(func);
        if (name is null || !s_typeNames.TryGetValue(name, out var type)) return default;
        return type switch
        {
            LogicalType.Timestamp => new ColumnType(HasTimezone(call) ? LogicalType.TimestampTz : LogicalType.Timestamp),
            LogicalType.Enum => MapEnum(module, call),
            _ => new ColumnType(type, s_lengthTypes.Contains(name) ? Length(call) : null),
        };
    }

    private static bool HasTimezone(PyCall? call) =>
        call is not null && (PyExpressions.AsBool(call.KeywordValue("timezone")) == true || PyExpressions.AsBool(call.PositionalAt(0)) == true);

    private static int? Length(PyCall? call) =>
        call is null ? null : PyExpressions.AsInt(call.KeywordValue("length")) ?? PyExpressions.AsInt(call.PositionalAt(0));

    // Enum(Status, name="status"), Enum("a", "b", name="kind"), ENUM(..., name=..., create_type=False)
    private ColumnType MapEnum(ModuleInfo module, PyCall? call)
    {
        var explicitName = PyExpressions.AsString(call?.KeywordValue("name"));
        var first = call?.PositionalAt(0);
        if (first is not null && PyExpressions.AsString(first) is null && index.ResolveClass(module, first) is { } enumClass)
            return new ColumnType(LogicalType.Enum, null, RegisterEnum(enumClass, explicitName));
        if (call is not null && explicitName is not null)
        {
            var values = call.Positional().Select(PyExpressions.AsString).OfType<string>().ToList();
            Enums.TryAdd(explicitName, new EnumType(explicitName, values, module.Ast.SpanOf(call)));
        }
        return new ColumnType(LogicalType.Enum, null, explicitName);
    }

    /// <summary>Records a Python enum class; SQLAlchemy names the type after the lowercased class name unless told.</summary>
    public string RegisterEnum(ClassInfo enumClass, string? explicitName = null)
    {
        var name = explicitName ?? enumClass.Name.ToLowerInvariant();
        if (!Enums.ContainsKey(name))
        {
            var members = enumClass.Attributes.Where(a => a.Function is null && a.Value is not null && !a.Name.StartsWith('_')).Select(a => a.Name).ToList();
            Enums[name] = new EnumType(name, members, enumClass.Span);
        }
        return name;
    }

    public bool IsEnumClass(ClassInfo cls, int depth = 0)
    {
        if (depth > MaxDepth) return false;
        foreach (var b in cls.BaseExpressions)
        {
            var symbol = index.Resolve(cls.Module, b);
            if (symbol is ExternalSymbol ext && s_enumBases.Contains(ext.LastName) && !ext.QualifiedName.StartsWith("sqlalchemy", StringComparison.Ordinal)) return true;
            if (symbol is ClassSymbol parent && IsEnumClass(parent.Class, depth + 1)) return true;
        }
        return false;
    }

    // A TypeDecorator subclass follows its `impl`; a subclass of a type class follows its base; an enum class is an Enum.
    private ColumnType MapProjectClass(ClassInfo cls, PyCall? call, int depth)
    {
        if (IsEnumClass(cls)) return new ColumnType(LogicalType.Enum, null, RegisterEnum(cls));
        if (cls.Specials.TryGetValue("impl", out var impl) && impl.Value is not null)
        {
            var mapped = Map(cls.Module, impl.Value, depth + 1);
            return mapped with { Length = Length(call) ?? mapped.Length };
        }
        foreach (var b in cls.BaseExpressions)
        {
            var mapped = Map(cls.Module, b, depth + 1);
            if (mapped.Type != LogicalType.Unknown) return mapped with { Length = Length(call) ?? mapped.Length };
        }
        return default;
    }

    /// <summary>
    /// The type SQLAlchemy infers from a <c>Mapped[...]</c> annotation (already unwrapped and without
    /// <c>None</c>), consulting the base's <c>type_annotation_map</c> first.
    /// </summary>
    public ColumnType MapAnnotation(ModuleInfo module, TypeAnnotation annotation, TypeAnnotationMap? map, int depth = 0)
    {
        if (depth > MaxDepth) return default;
        if (annotation.IsAnnotated) return MapAnnotation(module, annotation.Args[0], map, depth + 1);
        if (map is not null && map.TryGet(annotation, out var mappedModule, out var mappedType))
            return Map(mappedModule, mappedType, depth + 1);
        var symbol = annotation.Name.Length == 0 ? null : index.ResolveDotted(module, annotation.Name);
        switch (symbol)
        {
            case ClassSymbol cs when IsEnumClass(cs.Class):
                return new ColumnType(LogicalType.Enum, null, RegisterEnum(cs.Class));
            case ClassSymbol cs:
                return MapProjectClass(cs.Class, null, depth + 1);
            case VariableSymbol { Value: PySubscript alias } v:
                // intpk = Annotated[int, mapped_column(primary_key=True)]
                return MapAnnotation(v.Module, TypeAnnotation.Parse(v.Module.Ast.TextOf(alias)), map, depth + 1);
        }
        return annotation.LastName switch
        {
            "int" => new ColumnType(LogicalType.Int32),
            "str" => new ColumnType(LogicalType.Text),
            "bool" => new ColumnType(LogicalType.Bool),
            "float" => new ColumnType(LogicalType.Float),
            "Decimal" => new ColumnType(LogicalType.Decimal),
            "datetime" => new ColumnType(LogicalType.Timestamp),
            "date" => new ColumnType(LogicalType.Date),
            "time" => new ColumnType(LogicalType.Time),
            "timedelta" => new ColumnType(LogicalType.Interval),
            "bytes" or "bytearray" => new ColumnType(LogicalType.Binary),
            "UUID" or "Uuid" => new ColumnType(LogicalType.Uuid),
            "dict" or "Dict" or "list" or "List" or "JSON" or "Json" => new ColumnType(LogicalType.Json),
            "Literal" => new ColumnType(LogicalType.Enum),
            _ => default,
        };
    }
}

/// <summary>A declarative base's <c>type_annotation_map</c>: Python type → SQL type expression.</summary>
internal sealed class TypeAnnotationMap
{
    private readonly Dictionary<string, (ModuleInfo Module, PyExpr Type)> _byName = new(StringComparer.Ordinal);

    public static TypeAnnotationMap? Read(AttrDef? def)
    {
        if (def?.Value is not PyDict dict) return null;
        var map = new TypeAnnotationMap();
        var module = def.Owner.Module;
        for (var i = 0; i < dict.Keys.Count; i++)
        {
            if (dict.Keys[i] is not { } key) continue;
            var text = module.Ast.TextOf(key);
            var parsed = TypeAnnotation.Parse(text);
            map._byName.TryAdd(parsed.ToString(), (module, dict.Values[i]));
            map._byName.TryAdd(parsed.LastName, (module, dict.Values[i]));
        }
        return map;
    }

    public bool TryGet(TypeAnnotation annotation, out ModuleInfo module, out PyExpr type)
    {
        if (_byName.TryGetValue(annotation.ToString(), out var hit) || (annotation.Args.Count == 0 && _byName.TryGetValue(annotation.LastName, out hit)))
        {
            (module, type) = hit;
            return true;
        }
        module = null!;
        type = null!;
        return false;
    }
}
