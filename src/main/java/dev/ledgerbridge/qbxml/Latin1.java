package dev.ledgerbridge.qbxml;

import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes text safe for QuickBooks Desktop, which keeps only characters of ISO-8859-1: outside that range it
 * rejects the request ("QuickBooks found an error with the XML") or stores '?'.
 */
public final class Latin1 {

    /** Characters that decomposition does not bring into Latin-1 but that have an obvious spelling there. */
    private static final Map<Integer, String> REPLACEMENTS = Map.ofEntries(
            Map.entry(0x2018, "'"), Map.entry(0x2019, "'"), Map.entry(0x201A, "'"), Map.entry(0x201B, "'"),
            Map.entry(0x2032, "'"), Map.entry(0x2039, "<"), Map.entry(0x203A, ">"),
            Map.entry(0x201C, "\""), Map.entry(0x201D, "\""), Map.entry(0x201E, "\""), Map.entry(0x201F, "\""),
            Map.entry(0x2033, "\""),
            Map.entry(0x2010, "-"), Map.entry(0x2011, "-"), Map.entry(0x2012, "-"), Map.entry(0x2013, "-"),
            Map.entry(0x2014, "-"), Map.entry(0x2015, "-"), Map.entry(0x2212, "-"),
            Map.entry(0x2026, "..."), Map.entry(0x2022, "*"), Map.entry(0x2219, "*"),
            Map.entry(0x20AC, "EUR"), Map.entry(0x2122, "TM"), Map.entry(0x2116, "No"),
            Map.entry(0x2002, " "), Map.entry(0x2003, " "), Map.entry(0x2009, " "), Map.entry(0x200A, " "),
            Map.entry(0x202F, " "), Map.entry(0x205F, " "), Map.entry(0x3000, " "),
            Map.entry(0x200B, ""), Map.entry(0x200C, ""), Map.entry(0x200D, ""), Map.entry(0xFEFF, ""),
            Map.entry(0x0152, "OE"), Map.entry(0x0153, "oe"), Map.entry(0x0141, "L"), Map.entry(0x0142, "l"),
            Map.entry(0x0110, "D"), Map.entry(0x0111, "d"), Map.entry(0x0131, "i"), Map.entry(0x1E9E, "SS"));

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private Latin1() {
    }

    /**
     * Returns {@code text} with every character outside ISO-8859-1 replaced: accented letters lose their
     * accents (Unicode decomposition), typographic punctuation becomes its ASCII look-alike (curly quotes,
     * dashes, "..." for the ellipsis, "EUR" for the euro sign), and whatever is left becomes {@code '?'}.
     * Characters inside ISO-8859-1 are kept as they are. {@code null} stays {@code null}.
     */
    public static String transliterate(String text) {
        if (text == null || isLatin1(text)) {
            return text;
        }
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(cp -> out.append(replacement(cp)));
        return out.toString();
    }

    private static String replacement(int cp) {
        if (cp <= 0xFF) {
            return Character.toString(cp);
        }
        String mapped = REPLACEMENTS.get(cp);
        if (mapped != null) {
            return mapped;
        }
        if (isCombiningMark(cp)) {
            return "";
        }
        String single = Character.toString(cp);
        for (Normalizer.Form form : new Normalizer.Form[] {Normalizer.Form.NFD, Normalizer.Form.NFKD}) {
            String stripped = COMBINING_MARKS.matcher(Normalizer.normalize(single, form)).replaceAll("");
            if (!stripped.isEmpty() && isLatin1(stripped)) {
                return stripped;
            }
        }
        return "?";
    }

    private static boolean isCombiningMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
