package io.deidq.recipe;

import io.deidq.dicom.charset.SpecificCharacterSet;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.data.Values;
import io.deidq.dicom.dict.ElementDictionary;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value of a recipe (literal, variable or function answer) as an element of the field's VR, as
 * deid's convert_value does (reference 1.3) but failing where deid would keep the original: text
 * that is no number for a numeric VR, no date for DA, no UID for UI. ISO 8601 dates and times, as
 * the identity service's timestamps come, are written in DICOM's form for DA, DT and TM.
 */
final class VrConversion {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    private static final Pattern AGE = Pattern.compile("\\d{3}[DWMY]");
    private static final Pattern DICOM_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern DICOM_TIME = Pattern.compile("(\\d{2})((\\d{2})((\\d{2})(\\.\\d{1,6})?)?)?");
    private static final Pattern DICOM_DATE_TIME = Pattern.compile(
            "(\\d{4})((\\d{2})((\\d{2})((\\d{2})((\\d{2})((\\d{2})(\\.\\d{1,6})?)?)?)?)?)?([+-]\\d{4})?");
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d{1,6})?)?)?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern ISO_TIME = Pattern.compile("(\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d{1,6})?)?");

    private VrConversion() {
    }

    /** The element {@code tag} of {@code vr} holding {@code text} (several values separated by backslash). */
    static Element convert(int tag, VR vr, String text, SpecificCharacterSet cs) throws Refusal {
        if (vr == VR.SQ) {
            throw new Refusal("a sequence takes no value");
        }
        if (vr.isText()) {
            return Element.of(tag, vr, text(vr, text, cs));
        }
        return Element.of(tag, vr, switch (vr) {
            case FL, FD -> floats(vr, text);
            case SS, US, SL, UL, SV, UV -> integers(vr, text);
            case AT -> attributeTags(text);
            default -> padded(text.getBytes(StandardCharsets.UTF_8), Math.max(2, vr.unitSize()));
        });
    }

    private static byte[] text(VR vr, String text, SpecificCharacterSet cs) throws Refusal {
        String written = text;
        if (vr.isMultiValued() && !text.isEmpty()) {
            String[] values = text.split("\\\\", -1);
            for (int i = 0; i < values.length; i++) {
                values[i] = value(vr, values[i].strip());
            }
            written = String.join("\\", values);
        }
        try {
            return Values.encode(vr, cs, written);
        } catch (IllegalArgumentException unencodable) {
            throw new Refusal("the value has characters that the character set of the data set (or VR " + vr + ") cannot encode");
        }
    }

    /** One value of a multi-valued text VR, checked and, for dates and times written as ISO 8601, converted. */
    private static String value(VR vr, String value) throws Refusal {
        if (value.isEmpty()) {
            return value;
        }
        return switch (vr) {
            case DA -> date(value);
            case DT -> dateTime(value);
            case TM -> time(value);
            case IS -> checked(value, INTEGER.matcher(value).matches() && value.length() <= 12
                    && fits(new BigInteger(value.startsWith("+") ? value.substring(1) : value), 31, true), "an integer string (IS)");
            case DS -> checked(value, DECIMAL.matcher(value).matches() && value.length() <= 16, "a decimal string (DS) of at most 16 characters");
            case UI -> checked(value, UID.matcher(value).matches() && value.length() <= 64, "a UID (digits and dots, at most 64 characters)");
            case AS -> checked(value, AGE.matcher(value).matches(), "an age string (AS), nnnD, nnnW, nnnM or nnnY");
            default -> value;
        };
    }

    private static String checked(String value, boolean valid, String what) throws Refusal {
        if (!valid) {
            throw new Refusal("the value is not " + what);
        }
        return value;
    }

    private static String date(String value) throws Refusal {
        Matcher iso = ISO_DATE_TIME.matcher(value);
        String date = iso.matches() ? iso.group(1) + iso.group(2) + iso.group(3) : value;
        if (!validDate(date)) {
            throw new Refusal("the value is not a date (DA, YYYYMMDD)");
        }
        return date;
    }

    private static String dateTime(String value) throws Refusal {
        Matcher iso = ISO_DATE_TIME.matcher(value);
        String dateTime = value;
        if (iso.matches()) {
            StringBuilder dicom = new StringBuilder(iso.group(1) + iso.group(2) + iso.group(3));
            if (iso.group(4) != null) {
                dicom.append(iso.group(4)).append(iso.group(5));
                if (iso.group(6) != null) {
                    dicom.append(iso.group(6)).append(iso.group(7) == null ? "" : iso.group(7));
                }
            }
            String zone = iso.group(8);
            if (zone != null) {
                dicom.append(zone.equals("Z") ? "+0000" : zone.replace(":", ""));
            }
            dateTime = dicom.toString();
        }
        if (!validDateTime(dateTime)) {
            throw new Refusal("the value is not a date and time (DT, YYYYMMDDHHMMSS.FFFFFF&ZZXX)");
        }
        return dateTime;
    }

    private static String time(String value) throws Refusal {
        Matcher iso = ISO_TIME.matcher(value);
        String time = value;
        if (iso.matches()) {
            time = iso.group(1) + iso.group(2) + (iso.group(3) == null ? "" : iso.group(3) + (iso.group(4) == null ? "" : iso.group(4)));
        }
        Matcher m = DICOM_TIME.matcher(time);
        if (!m.matches() || !within(m.group(1), 0, 23) || !within(m.group(3), 0, 59) || !within(m.group(5), 0, 60)) {
            throw new Refusal("the value is not a time (TM, HHMMSS.FFFFFF)");
        }
        return time;
    }

    static boolean validDate(String date) {
        Matcher m = DICOM_DATE.matcher(date);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return true;
        } catch (DateTimeException notADate) {
            return false;
        }
    }

    static boolean validDateTime(String dateTime) {
        Matcher m = DICOM_DATE_TIME.matcher(dateTime);
        if (!m.matches() || !within(m.group(3), 1, 12)) {
            return false;
        }
        if (m.group(5) != null && !validDate(m.group(1) + m.group(3) + m.group(5))) {
            return false;
        }
        String offset = m.group(13);
        return within(m.group(7), 0, 23) && within(m.group(9), 0, 59) && within(m.group(11), 0, 60)
                && (offset == null || (within(offset.substring(1, 3), 0, 14) && within(offset.substring(3), 0, 59)));
    }

    private static boolean within(String digits, int low, int high) {
        if (digits == null) {
            return true;
        }
        int n = Integer.parseInt(digits);
        return n >= low && n <= high;
    }

    private static byte[] floats(VR vr, String text) throws Refusal {
        String[] values = values(text);
        ByteBuffer buffer = ByteBuffer.allocate(values.length * vr.unitSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (String value : values) {
            if (!DECIMAL.matcher(value).matches()) {
                throw new Refusal("the value is not a number for VR " + vr);
            }
            double d = Double.parseDouble(value);
            if (vr == VR.FL) {
                if (Float.isInfinite((float) d)) {
                    throw new Refusal("the value is out of the range of VR FL");
                }
                buffer.putFloat((float) d);
            } else {
                buffer.putDouble(d);
            }
        }
        return buffer.array();
    }

    private static byte[] integers(VR vr, String text) throws Refusal {
        String[] values = values(text);
        long[] numbers = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (!INTEGER.matcher(value).matches()) {
                throw new Refusal("the value is not an integer for VR " + vr);
            }
            BigInteger n = new BigInteger(value.startsWith("+") ? value.substring(1) : value);
            boolean fits = switch (vr) {
                case SS -> fits(n, 15, true);
                case US -> fits(n, 16, false);
                case SL -> fits(n, 31, true);
                case UL -> fits(n, 32, false);
                case SV -> fits(n, 63, true);
                default -> fits(n, 64, false);
            };
            if (!fits) {
                throw new Refusal("the value is out of the range of VR " + vr);
            }
            numbers[i] = n.longValue();
        }
        return Values.encode(vr, numbers);
    }

    private static boolean fits(BigInteger n, int bits, boolean signed) {
        if (signed) {
            return n.bitLength() <= bits;
        }
        return n.signum() >= 0 && n.bitLength() <= bits;
    }

    private static byte[] attributeTags(String text) throws Refusal {
        String[] values = values(text);
        long[] tags = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            long tag = FieldMatcher.tagOf(values[i]);
            if (tag < 0) {
                String keyword = ElementNames.keyword(values[i]);
                tag = keyword == null ? -1 : Integer.toUnsignedLong(ElementDictionary.tagOf(keyword));
            }
            if (tag < 0) {
                throw new Refusal("the value is not a tag (gggg,eeee), ggggeeee or keyword for VR AT");
            }
            tags[i] = tag;
        }
        return Values.encode(VR.AT, tags);
    }

    /** The values of a binary VR: none for empty text, else each between backslashes, blanks stripped. */
    private static String[] values(String text) {
        if (text.isBlank()) {
            return new String[0];
        }
        String[] values = text.split("\\\\", -1);
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i].strip();
        }
        return values;
    }

    private static byte[] padded(byte[] bytes, int unit) {
        int length = (bytes.length + unit - 1) / unit * unit;
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
}
