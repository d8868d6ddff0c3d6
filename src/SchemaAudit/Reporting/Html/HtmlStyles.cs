namespace SchemaAudit.Reporting.Html;

/// <summary>The page's stylesheet, inlined so the report opens offline.</summary>
internal static class HtmlStyles
{
    public const string Css = """
        :root { --critical:#c62828; --warning:#b26a00; --suggestion:#1565c0; --info:#616161; --border:#d7dbe2; --muted:#5f6673; --bg:#f6f7f9; }
        * { box-sizing: border-box; }
        body { margin:0; font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:#1d2330; background:var(--bg); }
        header.top { background:#1d2330; color:#fff; padding:18px 28px; display:flex; gap:28px; align-items:center; flex-wrap:wrap; }
        header.top h1 { font-size:20px; margin:0; font-weight:600; }
        header.top .sub { color:#b8c0cc; font-size:13px; }
        header.top code { background:rgba(255,255,255,.14); color:#fff; font-size:inherit; }
        .score { display:flex; align-items:baseline; gap:8px; }
        .score .value { font-size:34px; font-weight:700; }
        .score .grade { font-size:22px; font-weight:700; padding:0 10px; border-radius:6px; background:#2e7d32; }
        .grade-B { background:#558b2f !important; } .grade-C { background:#b26a00 !important; } .grade-D, .grade-F { background:var(--critical) !important; }
        .counts { display:flex; gap:10px; flex-wrap:wrap; }
        .pill { border-radius:999px; padding:2px 10px; font-size:12px; font-weight:600; color:#fff; }
        .pill.critical { background:var(--critical); } .pill.warning { background:var(--warning); } .pill.suggestion { background:var(--suggestion); } .pill.info { background:var(--info); }
        main { padding:20px 28px; max-width:1500px; margin:0 auto; }
        section { background:#fff; border:1px solid var(--border); border-radius:8px; padding:16px 20px; margin-bottom:20px; }
        section h2 { font-size:17px; margin:0 0 12px; }
        .stats { color:var(--muted); margin:0; }
        .diagram-tools { display:flex; gap:8px; align-items:center; margin-bottom:8px; color:var(--muted); font-size:13px; flex-wrap:wrap; }
        .legend-swatch { display:inline-block; width:18px; height:0; border-top:2px solid #7b8494; vertical-align:middle; margin-right:4px; }
        .legend-swatch.cascade { border-top:2px dashed #d84315; }
        .legend-box { display:inline-block; width:14px; height:10px; border:2px solid var(--critical); vertical-align:middle; margin-right:4px; }
        .diagram { overflow:auto; border:1px solid var(--border); border-radius:6px; background:#fbfcfd; max-height:78vh; }
        .diagram.fit svg { max-width:100%; height:auto; }
        button, select { font:inherit; font-size:13px; padding:3px 10px; border:1px solid var(--border); border-radius:5px; background:#fff; cursor:pointer; }
        button:hover { background:#eef1f5; }
        #er-diagram { font-family: ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12px; }
        .er-table { cursor:pointer; }
        .er-box { fill:#fff; stroke:#9aa3b2; stroke-width:1.2; }
        .er-head { fill:#e8ecf3; stroke:#9aa3b2; stroke-width:1.2; }
        .er-name { font-weight:700; fill:#1d2330; }
        .er-col { fill:#333a46; } .er-pk { font-weight:700; } .er-fk { fill:#1565c0; }
        .er-key { fill:#8a93a2; font-size:10px; } .er-more { fill:#8a93a2; font-style:italic; }
        .er-badge { fill:var(--warning); } .has-critical .er-badge { fill:var(--critical); }
        .er-badge-text { fill:#fff; font-size:10px; font-weight:700; }
        .has-critical .er-box, .has-critical .er-head { stroke:var(--critical); stroke-width:2.5; }
        .er-table:hover .er-box, .er-table:focus .er-box { stroke:#1d2330; stroke-width:2; }
        .er-table.selected .er-box, .er-table.selected .er-head { stroke:#6a1b9a; stroke-width:3; }
        .er-table.blast-origin .er-head { fill:#ffccbc; } .er-table.blast-deleted .er-head { fill:#ffab91; } .er-table.blast-nulled .er-head { fill:#fff3c4; }
        .er-edge { fill:none; stroke:#7b8494; stroke-width:1.3; opacity:.75; }
        .er-cascade { stroke:#d84315; stroke-dasharray:5 3; }
        .er-edge.active { stroke-width:2.6; opacity:1; }
        .filters { display:flex; gap:14px; align-items:center; flex-wrap:wrap; margin-bottom:12px; }
        .filters label { display:inline-flex; gap:4px; align-items:center; cursor:pointer; }
        .chip { background:#ede7f6; border:1px solid #b39ddb; border-radius:999px; padding:1px 4px 1px 10px; }
        .chip button { border:none; background:transparent; padding:0 6px; }
        #shown-count { color:var(--muted); margin-left:auto; }
        .finding { border:1px solid var(--border); border-left:5px solid var(--info); border-radius:6px; padding:10px 14px; margin:10px 0; }
        .finding.critical { border-left-color:var(--critical); } .finding.warning { border-left-color:var(--warning); } .finding.suggestion { border-left-color:var(--suggestion); }
        .finding header { display:flex; gap:10px; align-items:center; flex-wrap:wrap; }
        .finding .rule { font-family:ui-monospace,monospace; font-weight:600; }
        .finding .title { color:var(--muted); }
        .finding .where { margin-left:auto; font-family:ui-monospace,monospace; font-size:12px; color:var(--muted); }
        .finding p { margin:6px 0; }
        .fix { color:#1b5e20; }
        code { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; background:#eef1f5; padding:0 3px; border-radius:3px; }
        pre.excerpt, pre.snippet { margin:8px 0 2px; background:#f6f8fa; border:1px solid #e3e7ed; border-radius:5px; padding:6px 0; overflow:auto; font-size:12.5px; line-height:1.45; }
        pre.snippet { padding:6px 10px; }
        .excerpt .ln { display:block; padding:0 10px; white-space:pre; }
        .excerpt .ln.target { background:#fff4ce; }
        .excerpt .num { display:inline-block; width:3.5em; color:#9aa3b2; text-align:right; margin-right:12px; user-select:none; }
        .blast-list { margin:8px 0 0; padding-left:20px; }
        .blast-list .via { color:var(--muted); font-size:12px; font-family:ui-monospace,monospace; }
        .empty { color:var(--muted); font-style:italic; }
        details summary { cursor:pointer; }
        footer { color:var(--muted); text-align:center; padding:10px 0 30px; font-size:12px; }
        """;
}
