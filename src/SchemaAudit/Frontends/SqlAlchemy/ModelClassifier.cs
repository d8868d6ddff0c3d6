using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>
/// Decides for every project class whether it is a declarative base, an abstract class, a mixin or
/// a mapped class, and which table it maps to. Bases may live in other files; results are memoised
/// so the whole project is classified in one linear pass.
/// </summary>
internal sealed class ModelClassifier(ProjectIndex index, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<ClassInfo, ClassMapping> _done = [];
    private readonly HashSet<ClassInfo> _inProgress = [];
    private readonly Dictionary<ClassInfo, BaseFacts> _facts = [];

    /// <summary>Facts read from a class's bases and decorators.</summary>
    private sealed class BaseFacts
    {
        public List<ClassInfo> Parents { get; } = [];
        public DeclarativeFlavor Flavor { get; set; }
        public bool IsBase { get; set; }
        public bool DecoratedAsMapped { get; set; }
    }

    public ClassMapping Classify(ClassInfo cls)
    {
        if (_done.TryGetValue(cls, out var known)) return known;
        if (!_inProgress.Add(cls)) return ClassMapping.Unmapped; // inheritance cycle in broken code
        try
        {
            var mapping = Compute(cls);
            _done[cls] = mapping;
            return mapping;
        }
        finally
        {
            _inProgress.Remove(cls);
        }
    }

    /// <summary>The first class in the MRO that declares <paramref name="name"/> (<c>type_annotation_map</c>, <c>__table_args__</c>).</summary>
    public static AttrDef? FindSpecial(IEnumerable<ClassInfo> classes, string name)
    {
        foreach (var c in classes)
        {
            if (c.Specials.TryGetValue(name, out var def)) return def;
        }
        return null;
    }

    private ClassMapping Compute(ClassInfo cls)
    {
        var facts = Facts(cls);
        var mro = Linearize(cls, facts.Parents);
        if (facts.Flavor == DeclarativeFlavor.None)
            return new ClassMapping { Kind = MappingKind.None, Flavor = DeclarativeFlavor.None, Mro = mro };
        if (facts.IsBase)
            return new ClassMapping { Kind = MappingKind.DeclarativeBase, Flavor = facts.Flavor, Mro = mro };
        if (cls.Specials.TryGetValue("__abstract__", out var abs) && PyExpressions.AsBool(abs.Value) == true)
            return new ClassMapping { Kind = MappingKind.Abstract, Flavor = facts.Flavor, Mro = mro };
        if (facts.Flavor == DeclarativeFlavor.SqlModel && !cls.TableKeyword)
            return new ClassMapping { Kind = MappingKind.None, Flavor = facts.Flavor, Mro = mro };

        ClassInfo? mappedParent = null;
        for (var i = 1; i < mro.Count && mappedParent is null; i++)
        {
            if (Classify(mro[i]).IsMapped) mappedParent = mro[i];
        }
        var contributors = Contributors(mro, mappedParent);
        var own = cls.Specials.GetValueOrDefault("__tablename__");

        if (own is { Function: null })
        {
            if (PyExpressions.IsNone(own.Value))
            {
                return mappedParent is not null
                    ? SingleTable(facts, mro, mappedParent, contributors)
                    : NotMapped(cls, facts, mro, "`__tablename__ = None` on a class with no mapped parent");
            }
            if (PyExpressions.AsString(own.Value) is { } literal)
                return Table(facts, mro, literal, mappedParent, contributors);
            diagnostics.Add(new Diagnostic(cls.Module.Ast.SpanOf(own.NameNode),
                $"`__tablename__` of class `{cls.Name}` is not a string literal; assuming `{cls.Name.ToLowerInvariant()}`", DiagnosticSeverity.Warning));
            return Table(facts, mro, cls.Name.ToLowerInvariant(), mappedParent, contributors);
        }
        if (cls.Specials.TryGetValue("__table__", out var table) && table.Value is PyCall tableCall
            && PyExpressions.AsString(tableCall.PositionalAt(0)) is { } tableName)
            return Table(facts, mro, tableName, mappedParent, contributors);

        var declared = own ?? FindTablenameMethod(mro, mappedParent);
        if (mappedParent is not null)
        {
            // A subclass of a mapped class: joined-table inheritance when it brings its own primary key,
            // otherwise single-table inheritance (also what `has_inherited_table` helpers decide).
            if (declared is not null && HasOwnPrimaryKey(cls) && !MentionsInheritedTable(declared))
                return Table(facts, mro, EvaluateTablename(cls, declared), mappedParent, contributors);
            if (facts.Flavor == DeclarativeFlavor.Flask && HasOwnPrimaryKey(cls))
                return Table(facts, mro, TableNaming.SnakeCase(cls.Name), mappedParent, contributors);
            return SingleTable(facts, mro, mappedParent, contributors);
        }
        if (declared is not null)
        {
            if (declared.Function is null && PyExpressions.AsString(declared.Value) is { } inherited)
                return Table(facts, mro, inherited, null, contributors);
            return Table(facts, mro, EvaluateTablename(cls, declared), null, contributors);
        }
        return facts.Flavor switch
        {
            DeclarativeFlavor.Flask => Table(facts, mro, TableNaming.SnakeCase(cls.Name), null, contributors),
            DeclarativeFlavor.SqlModel => Table(facts, mro, cls.Name.ToLowerInvariant(), null, contributors),
            _ when facts.DecoratedAsMapped => Table(facts, mro, cls.Name.ToLowerInvariant(), null, contributors),
            _ => NotMapped(cls, facts, mro, $"class `{cls.Name}` derives from a declarative base but has no `__tablename__`, `__table__` or `__abstract__`"),
        };
    }

    private ClassMapping NotMapped(ClassInfo cls, BaseFacts facts, IReadOnlyList<ClassInfo> mro, string why)
    {
        diagnostics.Add(new Diagnostic(cls.Span, why + "; not mapped", DiagnosticSeverity.Info));
        return new ClassMapping { Kind = MappingKind.None, Flavor = facts.Flavor, Mro = mro };
    }

    private static ClassMapping Table(BaseFacts facts, IReadOnlyList<ClassInfo> mro, string name, ClassInfo? parent, IReadOnlyList<ClassInfo> contributors) =>
        new() { Kind = MappingKind.Table, Flavor = facts.Flavor, Mro = mro, TableName = name, MappedParent = parent, Contributors = contributors };

    private static ClassMapping SingleTable(BaseFacts facts, IReadOnlyList<ClassInfo> mro, ClassInfo parent, IReadOnlyList<ClassInfo> contributors) =>
        new() { Kind = MappingKind.SingleTableChild, Flavor = facts.Flavor, Mro = mro, MappedParent = parent, Contributors = contributors };

    private List<ClassInfo> Contributors(IReadOnlyList<ClassInfo> mro, ClassInfo? mappedParent)
    {
        if (mappedParent is null) return [.. mro];
        var inherited = new HashSet<ClassInfo>(Classify(mappedParent).Mro);
        var result = new List<ClassInfo>();
        foreach (var c in mro)
        {
            if (!inherited.Contains(c)) result.Add(c);
        }
        return result;
    }

    // `@declared_attr def __tablename__` on a mixin or base (also a plain string on an unmapped mixin).
    private AttrDef? FindTablenameMethod(IReadOnlyList<ClassInfo> mro, ClassInfo? mappedParent)
    {
        for (var i = 1; i < mro.Count; i++)
        {
            var c = mro[i];
            if (!c.Specials.TryGetValue("__tablename__", out var def)) continue;
            // A literal inherited from a mapped parent is that parent's table, not ours.
            if (def.Function is null && (mappedParent is not null || Classify(c).IsMapped)) continue;
            return def;
        }
        return null;
    }

    private string EvaluateTablename(ClassInfo cls, AttrDef declared)
    {
        var value = TableNaming.Evaluate(declared.Value, cls.Name);
        if (value is not null) return value;
        var fallback = cls.Name.ToLowerInvariant();
        diagnostics.Add(new Diagnostic(cls.Span,
            $"cannot evaluate `__tablename__` of class `{cls.Name}` (declared at {declared.Owner.Module.Path}:{declared.NameNode.Line}); assuming `{fallback}`",
            DiagnosticSeverity.Info));
        return fallback;
    }

    private static bool MentionsInheritedTable(AttrDef declared) =>
        declared.Function is { } fn && fn.Body.Count > 0
        && declared.Owner.Module.Ast.Source.AsSpan(fn.Start, Math.Max(0, Math.Min(fn.End, declared.Owner.Module.Ast.Source.Length) - fn.Start))
            .Contains("has_inherited_table", StringComparison.Ordinal);

    private bool HasOwnPrimaryKey(ClassInfo cls)
    {
        foreach (var attr in cls.Attributes)
        {
            if (attr.Value is PyCall call && ColumnCallKinds.IsColumnLike(index.ApiName(cls.Module, call))
                && (PyExpressions.AsBool(call.KeywordValue("primary_key")) == true
                    || (call.KeywordValue("sa_column") is PyCall sa && PyExpressions.AsBool(sa.KeywordValue("primary_key")) == true)))
                return true;
        }
        return cls.Specials.TryGetValue("__table_args__", out var args) && args.Value is not null
            && PyExpressions.Descendants(args.Value).Any(e => e is PyCall c && PyExpressions.LastName(c.Func) == "PrimaryKeyConstraint");
    }

    private BaseFacts Facts(ClassInfo cls)
    {
        if (_facts.TryGetValue(cls, out var cached)) return cached;
        var facts = new BaseFacts();
        _facts[cls] = facts;
        var flavors = new List<DeclarativeFlavor>();
        foreach (var baseExpr in cls.BaseExpressions)
        {
            var expr = baseExpr is PySubscript sub ? sub.Value : baseExpr; // Generic[T], Base[Model]
            switch (index.Resolve(cls.Module, expr))
            {
                case ClassSymbol { Class: var parent } when parent != cls:
                    facts.Parents.Add(parent);
                    flavors.Add(Classify(parent).Flavor);
                    break;
                case ExternalSymbol ext:
                    switch (ext.LastName)
                    {
                        case "DeclarativeBase" or "DeclarativeBaseNoMeta":
                            facts.IsBase = true;
                            flavors.Add(DeclarativeFlavor.Modern);
                            break;
                        case "SQLModel":
                            flavors.Add(DeclarativeFlavor.SqlModel);
                            break;
                    }
                    break;
                case VariableSymbol v:
                    AddVariableBase(v, facts, flavors);
                    break;
                case MemberSymbol { Owner: VariableSymbol db, Name: "Model" } when db.Value is PyCall dbCall && IsFlaskSqlAlchemy(db.Module, dbCall):
                    flavors.Add(DeclarativeFlavor.Flask);
                    if (dbCall.KeywordValue("model_class") is { } modelClass && index.ResolveClass(db.Module, modelClass) is { } root && root != cls)
                        facts.Parents.Add(root);
                    break;
            }
        }
        foreach (var decorator in cls.Def.Decorators)
        {
            var name = PyExpressions.LastName(decorator);
            if (name == "as_declarative") { facts.IsBase = true; flavors.Add(DeclarativeFlavor.Classic); }
            else if (name is "mapped" or "mapped_as_dataclass") { facts.DecoratedAsMapped = true; flavors.Add(DeclarativeFlavor.Classic); }
        }
        facts.Flavor = flavors.Contains(DeclarativeFlavor.Flask) ? DeclarativeFlavor.Flask
            : flavors.Contains(DeclarativeFlavor.SqlModel) ? DeclarativeFlavor.SqlModel
            : flavors.Find(f => f != DeclarativeFlavor.None);
        return facts;
    }

    /// <summary>
    /// <c>SQLAlchemy(...)</c>, or a project subclass of it (<c>class AppSQLAlchemy(SQLAlchemy)</c>,
    /// then <c>db = AppSQLAlchemy(...)</c>): both make a Flask-SQLAlchemy extension whose <c>db.Model</c> maps tables.
    /// </summary>
    private bool IsFlaskSqlAlchemy(ModuleInfo module, PyCall call)
    {
        if (index.ApiName(module, call) == "SQLAlchemy") return true;
        if (index.Resolve(module, call.Func) is not ClassSymbol { Class: var cls }) return false;
        var seen = new HashSet<ClassInfo>();
        var pending = new Stack<ClassInfo>([cls]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current)) continue; // inheritance cycle in broken code
            foreach (var baseExpr in current.BaseExpressions)
            {
                switch (index.Resolve(current.Module, baseExpr))
                {
                    case ExternalSymbol { LastName: "SQLAlchemy" }:
                        return true;
                    case ClassSymbol { Class: var parent }:
                        pending.Push(parent);
                        break;
                }
            }
        }
        return false;
    }

    private void AddVariableBase(VariableSymbol v, BaseFacts facts, List<DeclarativeFlavor> flavors)
    {
        if (v.Value is not PyCall call) return;
        var api = index.ApiName(v.Module, call);
        if (api is "declarative_base" or "generate_base" or "as_declarative_base")
        {
            flavors.Add(DeclarativeFlavor.Classic);
            if (call.KeywordValue("cls") is { } clsArg && index.ResolveClass(v.Module, clsArg) is { } root)
                facts.Parents.Add(root);
        }
    }

    /// <summary>C3 linearization over project classes; falls back to depth-first order for inconsistent hierarchies.</summary>
    private List<ClassInfo> Linearize(ClassInfo cls, List<ClassInfo> parents)
    {
        var sequences = new List<List<ClassInfo>>();
        foreach (var p in parents)
        {
            var pm = Classify(p).Mro;
            sequences.Add(pm.Count > 0 ? [.. pm] : [p]);
        }
        sequences.Add([.. parents]);
        var result = new List<ClassInfo> { cls };
        while (true)
        {
            sequences.RemoveAll(s => s.Count == 0);
            if (sequences.Count == 0) return result;
            ClassInfo? head = null;
            foreach (var seq in sequences)
            {
                var candidate = seq[0];
                if (!sequences.Exists(s => s.IndexOf(candidate) > 0)) { head = candidate; break; }
            }
            if (head is null)
            {
                foreach (var seq in sequences)
                    foreach (var c in seq)
                        if (!result.Contains(c)) result.Add(c);
                return result;
            }
            if (!result.Contains(head)) result.Add(head);
            foreach (var seq in sequences)
            {
                if (seq.Count > 0 && seq[0] == head) seq.RemoveAt(0);
            }
        }
    }
}
