using SchemaAudit.Frontends.TypeScript;

namespace SchemaAudit.Tests.TypeScript;

public sealed class TsParserTests
{
    private static TsModule Parse(string source, bool clean = true)
    {
        var module = TsParser.Parse("schema.ts", source);
        if (clean) Assert.True(module.Diagnostics.Count == 0, string.Join("\n", module.Diagnostics));
        return module;
    }

    private static TsExpr InitOf(TsModule module, string name) =>
        module.Body.OfType<TsVariableDecl>().SelectMany(d => d.Declarators)
            .First(d => d.Target is TsBindingName b && b.Name == name).Initializer!;

    [Fact]
    public void Imports_of_every_form()
    {
        var module = Parse("""
            import d, { a, b as c, type T } from "m1";
            import * as ns from 'm2';
            import type { U } from "m3";
            import "side-effect";
            import fs = require("fs");
            """);
        var imports = module.Body.OfType<TsImportDecl>().ToList();
        Assert.Equal(5, imports.Count);
        Assert.Equal("d", imports[0].DefaultBinding);
        Assert.Equal([new TsImportSpecifier("a", "a", false), new TsImportSpecifier("b", "c", false), new TsImportSpecifier("T", "T", true)], imports[0].Named);
        Assert.Equal("ns", imports[1].NamespaceBinding);
        Assert.True(imports[2].IsTypeOnly);
        Assert.Equal("side-effect", imports[3].ModuleSpecifier);
        Assert.Equal("fs", imports[4].ModuleSpecifier);
    }

    [Fact]
    public void Exports_and_re_exports()
    {
        var module = Parse("""
            export * from "./users";
            export * as auth from "./auth";
            export { a as b, c } from "./x";
            export { local };
            export type { T } from "./types";
            export const x = 1, y = 2;
            export default function build() {}
            export async function load() { return 1 }
            """);
        Assert.Equal("./users", module.Body.OfType<TsExportAll>().First().FromModule);
        Assert.Equal("auth", module.Body.OfType<TsExportAll>().Last().As);
        var named = module.Body.OfType<TsExportNamed>().ToList();
        Assert.Equal(new TsExportSpecifier("a", "b", false), named[0].Specifiers[0]);
        Assert.Null(named[1].FromModule);
        Assert.True(named[2].IsTypeOnly);
        Assert.True(module.Body.OfType<TsVariableDecl>().Single().IsExported);
        var functions = module.Body.OfType<TsFunctionDecl>().ToList();
        Assert.True(functions[0].IsDefaultExport);
        Assert.True(functions[1].Function.IsAsync);
    }

    [Fact]
    public void Generic_call_keeps_its_type_argument_and_nullability()
    {
        var module = Parse("const c = jsonb('x').$type<{ a: string } | null>().notNull();");
        var notNull = (TsCall)InitOf(module, "c");
        var typed = (TsCall)((TsMember)notNull.Callee).Object;
        var type = Assert.Single(typed.TypeArguments);
        Assert.Equal("{ a: string } | null", type.Text);
        Assert.True(type.IsNullable);
        Assert.Equal(["{ a: string }", "null"], type.UnionMembers);
    }

    [Fact]
    public void Less_than_is_still_a_comparison()
    {
        var module = Parse("const ok = a < b && c > (d);");
        var and = Assert.IsType<TsBinary>(InitOf(module, "ok"));
        Assert.Equal("&&", and.Operator);
        Assert.Equal("<", ((TsBinary)and.Left).Operator);
    }

    [Fact]
    public void Arrow_functions_with_expression_and_block_bodies()
    {
        var module = Parse("""
            const a = (t) => ({ x: t.id });
            const b = async (x: number, { y, z: w = 1 }: Opts, ...rest: any[]): Promise<void> => { return x; };
            const c = t => [t.a];
            const d = <T,>(x: T): T => x;
            """);
        var a = Assert.IsType<TsFunctionExpr>(InitOf(module, "a"));
        Assert.IsType<TsParenthesized>(a.ExpressionBody);
        var b = Assert.IsType<TsFunctionExpr>(InitOf(module, "b"));
        Assert.True(b.IsAsync);
        Assert.Equal(3, b.Parameters.Count);
        Assert.True(b.Parameters[2].IsRest);
        var pattern = Assert.IsType<TsObjectPattern>(b.Parameters[1].Pattern);
        Assert.Equal([("y", "y"), ("z", "w")], TsSyntax.BoundNames(pattern).Select(n => (n.Key!, n.Name)));
        Assert.IsType<TsReturn>(Assert.Single(b.BlockBody!));
        Assert.IsType<TsArrayLiteral>(((TsFunctionExpr)InitOf(module, "c")).ExpressionBody);
        Assert.IsType<TsFunctionExpr>(InitOf(module, "d"));
    }

    [Fact]
    public void Conditional_with_parenthesized_branch_is_not_an_arrow()
    {
        var module = Parse("const v = ok ? (a) : b;");
        Assert.IsType<TsConditional>(InitOf(module, "v"));
    }

    [Fact]
    public void Object_literal_members_of_every_kind()
    {
        var module = Parse("""
            const o = {
              plain: 1,
              shorthand,
              ...spread,
              [computed]: 2,
              "quoted-key": 3,
              method(a) { return a; },
              get value() { return 1; },
              set value(v) {},
              async load() {},
            };
            """);
        var obj = Assert.IsType<TsObjectLiteral>(InitOf(module, "o"));
        Assert.Equal(
            [TsPropertyKind.Init, TsPropertyKind.Shorthand, TsPropertyKind.Spread, TsPropertyKind.Init, TsPropertyKind.Init,
             TsPropertyKind.Method, TsPropertyKind.Getter, TsPropertyKind.Setter, TsPropertyKind.Method],
            obj.Properties.Select(p => p.Kind));
        Assert.NotNull(obj.Properties[3].ComputedKey);
        Assert.Equal("quoted-key", obj.Properties[4].Key);
    }

    [Fact]
    public void Member_chains_with_optional_chaining_non_null_and_new()
    {
        var module = Parse("const v = new Map<string, number>()?.get(k)!.value?.[0] as number satisfies number;");
        var assertion = Assert.IsType<TsTypeAssertion>(InitOf(module, "v"));
        Assert.True(assertion.IsSatisfies);
        var inner = Assert.IsType<TsTypeAssertion>(assertion.Expression);
        var index = Assert.IsType<TsIndexAccess>(inner.Expression);
        Assert.True(index.Optional);
    }

    [Fact]
    public void Tagged_template_substitutions_are_parsed()
    {
        var module = Parse("const s = sql`lower(${t.email}) = ${`x${y}`}`;");
        var tagged = Assert.IsType<TsTaggedTemplate>(InitOf(module, "s"));
        Assert.Equal(["lower(", ") = ", ""], tagged.Template.Quasis);
        Assert.IsType<TsMember>(tagged.Template.Expressions[0]);
        Assert.IsType<TsTemplate>(tagged.Template.Expressions[1]);
    }

    [Fact]
    public void Types_interfaces_classes_enums_and_decorators_are_skipped_safely()
    {
        var module = Parse("""
            interface User<T extends object = {}> extends Base { id: string; nested: { a: () => void } }
            type Row = typeof users.$inferSelect;
            type Maybe<T> = T extends null ? never : T | undefined;
            type Fn = (a: string) => Promise<Array<Set<number>>>;
            declare const env: Record<string, string>;
            declare module "x" { export const y: number; }
            @Entity() export class Repo<T> extends Base implements I { @Column() id!: string; method() { if (a) { return `}` } } }
            export enum Color { Red = "red", Green = 2, Blue }
            const enum Flags { A = 1 << 0 }
            namespace Inner { export const z = 1; }
            const after = 1;
            """);
        Assert.Equal(4, module.Body.OfType<TsTypeDecl>().Count(t => t.Keyword is "interface" or "type"));
        var color = module.Body.OfType<TsEnumDecl>().First();
        Assert.Equal(["Red", "Green", "Blue"], color.Members.Select(m => m.Name));
        Assert.Equal("Repo", module.Body.OfType<TsClassDecl>().Single().Name);
        Assert.NotNull(InitOf(module, "after"));
    }

    [Fact]
    public void Statements_in_function_bodies()
    {
        var module = Parse("""
            function helper(a = 1) {
              if (a > 1) { return { x: 1 }; } else return null;
              for (const x of xs) { y(x); }
              while (true) break;
              try { z(); } catch (e) { } finally { }
              switch (a) { case 1: return 2; default: break; }
              label: for (;;) continue label;
              do { a++ } while (a < 3)
              throw new Error("x");
            }
            """);
        var function = module.Body.OfType<TsFunctionDecl>().Single();
        Assert.True(function.Function.BlockBody!.Count == 8, string.Join(", ", function.Function.BlockBody!.Select(s => s is TsOtherStmt o ? o.Keyword : s.GetType().Name)));
        
        Assert.IsType<TsObjectLiteral>(TsSyntax.ReturnedExpression(function.Function));
    }

    [Fact]
    public void Automatic_semicolons_split_statements_on_new_lines()
    {
        var module = Parse("const a = 1\nconst b = a\nfoo()\nreturnValue\n");
        Assert.Equal(4, module.Body.Count);
    }

    [Fact]
    public void Broken_declaration_reports_its_line_and_the_next_one_still_parses()
    {
        var module = Parse("""
            export const broken = pgTable("x", {
              id: uuid("id").primaryKey(,
              name: text(
            });
            export const fine = pgTable("y", { id: uuid("id") });
            """, clean: false);
        Assert.NotEmpty(module.Diagnostics);
        Assert.Equal(2, module.Diagnostics[0].Span.Line);
        Assert.Contains(module.Body.OfType<TsVariableDecl>(), d => d.Declarators[0].Target is TsBindingName { Name: "fine" });
    }

    [Theory]
    [InlineData("const = 5;")]
    [InlineData("export { a as } from")]
    [InlineData("import { from 'x'")]
    [InlineData("const x = {a: 1,, b}")]
    [InlineData("function (")]
    [InlineData(")))]]]}}}")]
    [InlineData("const f = (a, b => c")]
    [InlineData("x = `${`${`${")]
    [InlineData("type = ;")]
    [InlineData("class")]
    [InlineData("a?.(")]
    [InlineData("new")]
    public void Malformed_input_gives_diagnostics_never_exceptions(string source)
    {
        var module = Parse(source, clean: false);
        Assert.NotEmpty(module.Diagnostics);
        Assert.All(module.Diagnostics, d => Assert.True(d.Span.Line >= 1));
    }

    [Fact]
    public void Deep_nesting_is_one_diagnostic_not_a_stack_overflow()
    {
        var source = "const x = " + new string('(', 20_000) + "1" + new string(')', 20_000) + ";\nconst y = [" + string.Concat(Enumerable.Repeat("{a:[", 5_000)) + ";\nconst z = 1;";
        var module = Parse(source, clean: false);
        Assert.Contains(module.Diagnostics, d => d.Message.Contains("nesting too deep", StringComparison.Ordinal));
        Assert.True(module.Diagnostics.Count <= 60);
    }

    [Fact]
    public void Spans_point_at_the_node()
    {
        var module = Parse("const a = 1;\n  const b = call(\n    x);\n");
        var b = module.Body.OfType<TsVariableDecl>().Last();
        var span = module.SpanOf(b);
        Assert.Equal((2, 3, 3, 7), (span.Line, span.Column, span.EndLine, span.EndColumn));
    }

    [Fact]
    public void Doc_comment_is_attached_to_the_declaration()
    {
        var module = Parse("/** The users. */\nexport const users = 1;\n// not doc\nconst b = 2;");
        var declarations = module.Body.OfType<TsVariableDecl>().ToList();
        Assert.Equal("The users.", declarations[0].DocComment);
        Assert.Null(declarations[1].DocComment);
    }
}
