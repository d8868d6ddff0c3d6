namespace System.Runtime.CompilerServices;

/// <summary>Lets records compile for netstandard2.0, which the compiler's own host requires.</summary>
internal static class IsExternalInit;
