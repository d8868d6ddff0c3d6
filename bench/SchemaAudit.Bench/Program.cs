namespace SchemaAudit.Bench; public static class Program { public static void Main() { } }
