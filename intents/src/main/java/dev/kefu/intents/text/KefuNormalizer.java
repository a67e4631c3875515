package dev.kefu.intents.text;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.TextNormalizer;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical text every later stage reads: Unicode NFKC (full-width letters, digits and
 * punctuation fold to half-width, {@code ￥} to {@code ¥}, the ideographic space to a space),
 * typographic apostrophes folded to {@code '} (phones type {@code doesn’t}), lower case (locale
 * independent), runs of whitespace collapsed to one space, trimmed.
 *
 * <p>Chinese punctuation without a half-width form ({@code 。、「」}) is kept. Entity spans refer to
 * this text, so it must be the only normaliser in a pipeline. Stateless and thread-safe; a null
 * text is an {@link IllegalArgumentException}.
 */
public final class KefuNormalizer implements TextNormalizer {
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

    @Override
    public String normalize(String text) {
        Checks.requireNonNull("text", text);
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(folded).replaceAll(" ").trim();
    }
}
