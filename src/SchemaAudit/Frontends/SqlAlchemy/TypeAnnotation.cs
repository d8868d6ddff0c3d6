namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>
/// A type annotation read from its text (<c>Mapped[Optional["User"]]</c>, <c>"Message | None"</c>,
/// <c>list[Tag]</c>). Annotations are read as text because forward references hide them in strings.
/// </summary>
internal sealed class TypeAnnotation
{
    private static readonly HashSet<string> s_collections = new(StringComparer.Ordinal)
    {
        "list", "List", "set", "Set", "frozenset", "FrozenSet", "Sequence", "MutableSequence", "Collection",
        "Iterable", "AbstractSet", "MutableSet", "dict", "Dict", "Mapping", "MutableMapping", "tuple", "Tuple",
        "InstrumentedList", "AppenderQuery", "WriteOnlyCollection", "DynamicMapped", "WriteOnlyMapped",
    };

    private TypeAnnotation(string name, List<TypeAnnotation> args, bool isUnion)
    {
        Name = name;
        Args = args;
        IsUnion = isUnion;
    }

    /// <summary>Dotted name (<c>Optional</c>, <c>uuid.UUID</c>, <c>None</c>); empty for a union.</summary>
    public string Name { get; }
    public List<TypeAnnotation> Args { get; }
    public bool IsUnion { get; }

    public string LastName => Name[(Name.LastIndexOf('.') + 1)..];
    public bool IsNoneType => Name is "None" or "NoneType";

    public static TypeAnnotation Parse(string text)
    {
        var parser = new Parser(text, 0);
        return parser.ParseUnion() ?? new TypeAnnotation("", [], false);
    }

    /// <summary>Strips <c>Mapped[...]</c>, <c>WriteOnlyMapped[...]</c>, <c>DynamicMapped[...]</c>; returns the wrapper name.</summary>
    public TypeAnnotation UnwrapMapped(out string? wrapper)
    {
        wrapper = null;
        if (!IsUnion && Args.Count == 1 && LastName is "Mapped" or "WriteOnlyMapped" or "DynamicMapped")
        {
            wrapper = LastName;
            return Args[0];
        }
        return this;
    }

    /// <summary>True for <c>Optional[X]</c>, <c>X | None</c>, <c>Union[X, None]</c>.</summary>
    public bool IsNullable =>
        (IsUnion && Args.Exists(a => a.IsNoneType))
        || (LastName == "Optional" && Args.Count == 1)
        || (LastName == "Union" && Args.Exists(a => a.IsNoneType))
        || (LastName == "Annotated" && Args.Count > 0 && Args[0].IsNullable);

    /// <summary>The annotation without its <c>None</c> alternative.</summary>
    public TypeAnnotation NonNull
    {
        get
        {
            if (LastName == "Optional" && Args.Count == 1) return Args[0].NonNull;
            if (IsUnion || LastName == "Union")
            {
                var rest = Args.FindAll(a => !a.IsNoneType);
                if (rest.Count == 1) return rest[0].NonNull;
                if (rest.Count > 1) return new TypeAnnotation("", rest, true);
            }
            return this;
        }
    }

    public bool IsCollection => !IsUnion && s_collections.Contains(LastName);

    /// <summary>The element type of a collection (the value type for mappings).</summary>
    public TypeAnnotation? Element => IsCollection && Args.Count > 0 ? Args[^1] : null;

    public bool IsAnnotated => LastName == "Annotated" && Args.Count > 0;

    public override string ToString() => IsUnion
        ? string.Join(" | ", Args)
        : Args.Count == 0 ? Name : $"{Name}[{string.Join(", ", Args)}]";

    private ref struct Parser(string text, int pos)
    {
        private readonly string _text = text;
        private int _pos = pos;
        private int _depth;

        public TypeAnnotation? ParseUnion()
        {
            if (++_depth > 32) return null;
            var first = ParsePrimary();
            SkipSpace();
            if (first is null || _pos >= _text.Length || _text[_pos] != '|') { _depth--; return first; }
            var parts = new List<TypeAnnotation> { first };
            while (_pos < _text.Length && _text[_pos] == '|')
            {
                _pos++;
                var next = ParsePrimary();
                if (next is null) break;
                parts.Add(next);
                SkipSpace();
            }
            _depth--;
            return new TypeAnnotation("", parts, true);
        }

        private TypeAnnotation? ParsePrimary()
        {
            SkipSpace();
            if (_pos >= _text.Length) return null;
            var ch = _text[_pos];
            if (ch is '"' or '\'')
            {
                var end = _text.IndexOf(ch, _pos + 1);
                if (end < 0) end = _text.Length;
                var inner = _text[(_pos + 1)..end];
                _pos = Math.Min(end + 1, _text.Length);
                return new Parser(inner, 0).ParseUnion() ?? new TypeAnnotation(inner, [], false);
            }
            var start = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.')) _pos++;
            if (_pos == start)
            {
                _pos++; // skip junk (a literal number, an operator) so parsing always progresses
                return new TypeAnnotation(_text[start.._pos], [], false);
            }
            var name = _text[start.._pos];
            var args = new List<TypeAnnotation>();
            SkipSpace();
            if (_pos < _text.Length && _text[_pos] == '[')
            {
                _pos++;
                while (true)
                {
                    SkipSpace();
                    if (_pos >= _text.Length) break;
                    if (_text[_pos] == ']') { _pos++; break; }
                    if (_text[_pos] == ',') { _pos++; continue; }
                    if (_text[_pos] == '(' || _text[_pos] == '[') { SkipBracketed(); continue; }
                    var before = _pos;
                    var arg = ParseUnion();
                    if (arg is not null) args.Add(arg);
                    if (_pos == before) _pos++;
                }
            }
            return new TypeAnnotation(name, args, false);
        }

        // Annotated[...] metadata such as mapped_column(...) calls: skipped as a unit.
        private void SkipBracketed()
        {
            var depth = 0;
            while (_pos < _text.Length)
            {
                var c = _text[_pos++];
                if (c is '(' or '[') depth++;
                else if (c is ')' or ']' && --depth == 0) return;
            }
        }

        private void SkipSpace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
        }
    }
}
