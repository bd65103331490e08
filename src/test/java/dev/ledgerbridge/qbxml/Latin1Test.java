package dev.ledgerbridge.qbxml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Latin1Test {

    @Test
    void keepsTextThatIsAlreadyLatin1() {
        // given
        String text = "Café Müller, ñ ß ÿ © £ ¥ ½ \u00A0 Ø & <tag> \"q\"";

        // when
        String result = Latin1.transliterate(text);

        // then
        assertThat(result).isSameAs(text);
    }

    @Test
    void stripsAccentsThatLatin1DoesNotHave() {
        // given
        String text = "Dvořák, Łódź, Kraków, Ångström, ŞIŞLI, Nguyễn, Ōsaka";

        // when
        String result = Latin1.transliterate(text);

        // then
        assertThat(result).isEqualTo("Dvorák, Lódz, Kraków, Ångström, SISLI, Nguyen, Osaka");
    }

    @Test
    void composesDecomposedLettersBeforeDecidingWhatToKeep() {
        // given: "é" written as "e" + combining acute, and "ő" as "o" + combining double acute
        String text = "Rene\u0301 Erdo\u030Bs";

        // when
        String result = Latin1.transliterate(text);

        // then
        assertThat(result).isEqualTo("René Erdos");
    }

    @Test
    void mapsTypographicPunctuationToAscii() {
        // given
        String text = "‘single’ “double” en–dash em—dash wait… 5€ Brand™ ‚low„ −1 a\u2009b";

        // when
        String result = Latin1.transliterate(text);

        // then
        assertThat(result).isEqualTo("'single' \"double\" en-dash em-dash wait... 5EUR BrandTM 'low\" -1 a b");
    }

    @Test
    void spellsLettersThatDoNotDecompose() {
        // given
        String text = "Œuvre œil Łukasz Đorđe ıi ẞ";

        // when
        String result = Latin1.transliterate(text);

        // then
        assertThat(result).isEqualTo("OEuvre oeil Lukasz Dorde ii SS");
    }

    @Test
    void replacesEveryOtherCharacterWithOneQuestionMark() {
        // given: Greek, Cyrillic, Chinese and an emoji outside the Basic Multilingual Plane
        String text = "Ωmega Москва 東京 ok😀!";

        // when
        String result = Latin1.transliterate(text);

        // then
        assertThat(result).isEqualTo("?mega ?????? ?? ok?!");
        assertThat(result.chars()).allMatch(c -> c <= 0xFF);
    }

    @Test
    void decomposesCompatibilityCharactersWhenThatGivesLatin1() {
        // given: a ligature and full-width letters
        String text = "ﬁle ＡＢＣ";

        // when
        String result = Latin1.transliterate(text);

        // then
        assertThat(result).isEqualTo("file ABC");
    }

    @Test
    void leavesNullAndEmptyAlone() {
        assertThat(Latin1.transliterate(null)).isNull();
        assertThat(Latin1.transliterate("")).isEmpty();
    }
}
