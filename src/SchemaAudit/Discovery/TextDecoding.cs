using System.Text;

namespace SchemaAudit.Discovery;

/// <summary>How the bytes of a source file were turned into text.</summary>
public enum TextEncodingUsed { Utf8, Utf8WithBom, Latin1 }

/// <summary>Decodes source files: UTF-8 with or without BOM, Latin-1 when that fails (no byte is lost).</summary>
public static class TextDecoding
{
    /// <summary>Like git: a NUL byte in the first 8,000 bytes means binary.</summary>
    public const int BinarySniffLength = 8000;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool LooksBinary(ReadOnlySpan<byte> bytes) =>
        bytes[..Math.Min(bytes.Length, BinarySniffLength)].Contains((byte)0);

    public static string Decode(byte[] bytes, out TextEncodingUsed encoding)
    {
        var hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var offset = hasBom ? 3 : 0;
        try
        {
            var text = s_strictUtf8.GetString(bytes, offset, bytes.Length - offset);
            encoding = hasBom ? TextEncodingUsed.Utf8WithBom : TextEncodingUsed.Utf8;
            return text;
        }
        catch (DecoderFallbackException)
        {
            encoding = TextEncodingUsed.Latin1;
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
