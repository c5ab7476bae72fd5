using System.Globalization;
using System.Text;

namespace Projections.Tables.Rendering;

/// <summary>
/// Display width of text in a terminal: East Asian wide and fullwidth characters (汉字, fullwidth punctuation such
/// as （）、：) take two columns, combining marks none, everything else one. Ambiguous-width characters such as
/// “ ” — count as one, which is what most terminals outside CJK locales do.
/// </summary>
public static class TerminalWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes()) width += Of(rune);
        return width;
    }

    public static int Of(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            || rune.Value == 0)
            return 0;
        return IsWide(rune.Value) ? 2 : 1;
    }

    /// <summary>Pads with spaces to a display width; <paramref name="alignment"/> -1 left, 0 centre, 1 right.</summary>
    public static string Pad(string text, int width, int alignment)
    {
        var gap = Math.Max(0, width - Of(text));
        var left = alignment switch { < 0 => 0, 0 => gap / 2, _ => gap };
        return new string(' ', left) + text + new string(' ', gap - left);
    }

    // Unicode East_Asian_Width W and F ranges (the blocks that matter for Chinese text and symbols).
    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0x303E
            or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF
            or >= 0xA000 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x1F300 and <= 0x1F64F
            or >= 0x20000 and <= 0x3FFFD;
}
