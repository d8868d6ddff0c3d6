using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>Evidence of the target dialect: dialect imports and <c>postgresql_*</c>-style keyword arguments.</summary>
internal sealed class DialectVotes
{
    private static readonly string[] s_dialects = ["postgresql", "mysql", "sqlite"];
    private readonly int[] _votes = new int[s_dialects.Length];

    public void VoteImports(ModuleInfo module)
    {
        foreach (var stmt in PyExpressions.Flatten(module.Ast.Body))
        {
            switch (stmt)
            {
                case PyImportFrom from:
                    VoteModule(from.Module);
                    if (from.Module == "sqlalchemy.dialects")
                        foreach (var n in from.Names) VoteModule("sqlalchemy.dialects." + n.Name);
                    break;
                case PyImport import:
                    foreach (var n in import.Names) VoteModule(n.Name);
                    break;
            }
        }
    }

    private void VoteModule(string module)
    {
        if (!module.StartsWith("sqlalchemy.dialects.", StringComparison.Ordinal)) return;
        var rest = module["sqlalchemy.dialects.".Length..];
        var dot = rest.IndexOf('.');
        Vote(dot < 0 ? rest : rest[..dot]);
    }

    /// <summary>A keyword such as <c>postgresql_where</c> or <c>mysql_engine</c>.</summary>
    public void VoteKeyword(string? keyword)
    {
        if (keyword is null) return;
        var underscore = keyword.IndexOf('_');
        if (underscore > 0) Vote(keyword[..underscore]);
    }

    public void VoteKeywords(PyCall call)
    {
        foreach (var arg in call.Args) VoteKeyword(arg.Name);
    }

    private void Vote(string dialect)
    {
        var i = Array.IndexOf(s_dialects, dialect);
        if (i >= 0) _votes[i]++;
    }

    /// <summary>The dialect with the most evidence (ties go to the first listed); null without evidence.</summary>
    public string? Decide()
    {
        var best = -1;
        for (var i = 0; i < _votes.Length; i++)
        {
            if (_votes[i] > 0 && (best < 0 || _votes[i] > _votes[best])) best = i;
        }
        return best < 0 ? null : s_dialects[best];
    }
}
