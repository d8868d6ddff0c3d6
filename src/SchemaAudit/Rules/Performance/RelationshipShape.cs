using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>What the two loading-strategy rules need to know about a relationship's shape, and how to write it back.</summary>
internal static class RelationshipShape
{
    /// <summary>True for collections (one-to-many, many-to-many, or a list annotation), unless <c>uselist=False</c>.</summary>
    public static bool IsCollection(Relationship r) =>
        r.UseList != false && (r.IsCollection || r.UseList == true || r.Kind is RelationshipKind.OneToMany or RelationshipKind.ManyToMany);

    /// <summary>True when the attribute, the target table or the target class is named like something that grows without bound.</summary>
    public static bool LooksUnbounded(Relationship r) =>
        NameHeuristics.LooksUnbounded(r.Attribute) || NameHeuristics.LooksUnbounded(r.TargetTable) || NameHeuristics.LooksUnbounded(r.TargetEntity);

    /// <summary>The target class for messages: the resolved class, or the table, or a neutral word.</summary>
    public static string TargetName(Relationship r) => r.TargetEntity ?? r.TargetTable ?? "target";

    /// <summary>
    /// Renders the declaration from what the model knows (<c>skills = relationship("Skill", secondary=session_skills, lazy="selectin")</c>),
    /// for before/after snippets. Arguments the model does not keep (primaryjoin, order_by expressions) are left out.
    /// </summary>
    public static string Render(Relationship r, string? lazy)
    {
        var args = new List<string>();
        if (r.TargetEntity is not null) args.Add($"\"{r.TargetEntity}\"");
        if (r.Secondary is not null) args.Add($"secondary={r.Secondary}");
        if (r.BackPopulates is not null) args.Add($"back_populates=\"{r.BackPopulates}\"");
        if (r.Backref is not null) args.Add($"backref=\"{r.Backref}\"");
        if (r.Cascade is not null) args.Add($"cascade=\"{r.Cascade}\"");
        if (r.PassiveDeletes) args.Add("passive_deletes=True");
        if (r.UseList is bool useList) args.Add($"uselist={(useList ? "True" : "False")}");
        if (lazy is not null) args.Add($"lazy=\"{lazy}\"");
        return $"{r.Attribute} = relationship({string.Join(", ", args)})";
    }
}
