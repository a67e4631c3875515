package dev.kefu.core.text;

import java.util.Locale;

/** Units of measure written in English or Chinese, folded to one spelling each. */
public final class Units {
    private Units() {}

    /**
     * The canonical spelling of {@code unit}: {@code ml}, {@code L}, {@code W}, {@code mAh}, {@code
     * GB}, {@code TB}, {@code cm}, {@code mm}, {@code m}, {@code kg}, {@code g}, {@code jin} (斤),
     * {@code deg} (° or 度), {@code celsius} (°C), and {@code inch} for anything else ({@code
     * inches}, {@code 英寸}, {@code 寸}). {@code 升} is {@code L}, {@code 公斤} and {@code 千克} are
     * {@code kg}, {@code 公分} is {@code cm}, and so on; case does not matter.
     */
    public static String canonical(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ml", "毫升" -> "ml";
            case "l", "升" -> "L";
            case "w", "瓦" -> "W";
            case "mah", "毫安", "毫安时" -> "mAh";
            case "gb" -> "GB";
            case "tb" -> "TB";
            case "cm", "厘米", "公分" -> "cm";
            case "mm", "毫米" -> "mm";
            case "m", "米" -> "m";
            case "kg", "kgs", "公斤", "千克" -> "kg";
            case "g", "克" -> "g";
            case "斤" -> "jin";
            case "°", "度" -> "deg";
            case "°c" -> "celsius";
            default -> "inch";
        };
    }
}
