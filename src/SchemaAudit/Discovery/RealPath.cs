namespace SchemaAudit.Discovery;

/// <summary>
/// <c>realpath(3)</c>: the path with every symlink in it resolved, so that "is this inside the
/// root?" cannot be fooled by a link in the middle of a path.
/// </summary>
internal static class RealPath
{
    private const int MaxLinkHops = 40; // as Linux's MAXSYMLINKS

    /// <summary>The resolved path, or null when it does not exist, is broken, or loops.</summary>
    public static string? Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full) ?? "/";
        var remaining = new Stack<string>();
        PushComponents(remaining, full[current.Length..]);
        var hops = 0;
        while (remaining.Count > 0)
        {
            var part = remaining.Pop();
            if (part is "" or ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Join(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
                return null;
            }
            if (target is null)
            {
                if (!File.Exists(next) && !Directory.Exists(next)) return null;
                current = next;
                continue;
            }
            if (++hops > MaxLinkHops) return null;
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? "/";
                target = target[current.Length..];
            }
            PushComponents(remaining, target);
        }
        return current;
    }

    private static void PushComponents(Stack<string> stack, string relative)
    {
        var parts = relative.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--) stack.Push(parts[i]);
    }
}
