package io.deidq.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * Compares a dump by deidq with one by dcmdump, element line by element line (comment and blank
 * lines aside). Field by field it is exact, with three differences the comparison knows of:
 * <ul>
 * <li>dcmtk prints floating point numbers with its own conversion, which can differ from C's
 *     correctly rounded %g in the last digit: FL, OF, FD and OD values are compared as numbers;</li>
 * <li>in implicit VR, dcmtk leaves some VRs as its pseudo VRs (xs, lt, ox, px) or "??", or picks
 *     the other of two allowed VRs for a LUT Descriptor: the VR is compared only where it is not one
 *     of those;</li>
 * <li>with {@code +U8}, dcmtk converts values to UTF-8 and says so in Specific Character Set: the
 *     length of text whose VR uses the character set is not compared, nor the line of (0008,0005).</li>
 * </ul>
 */
public final class DumpComparison {

    public enum Option {
        /** dcmdump ran with +U8. */
        CONVERTED_TO_UTF8,
        /** dcmdump could not convert the character set (its iconv lacks it): text it prints raw is not compared. */
        CHARSET_NOT_CONVERTED,
        /** The two dumps are of different encodings, so sequences, items and groups may differ in length. */
        IGNORE_CONTAINER_LENGTHS,
        /** One dump is of a file deidq wrote, with group lengths computed afresh: the input's may have been wrong. */
        GROUP_LENGTHS_RECOMPUTED
    }

    private static final Pattern LINE = Pattern.compile(
            "^(?<indent> *)\\((?<tag>[0-9a-f]{4},[0-9a-f]{4})\\) (?<vr>\\S\\S) (?<value>.*) # +(?<length>\\S+), *(?<vm>\\d+) (?<name>.*)$");
    private static final Set<String> PSEUDO_VRS = Set.of("xs", "lt", "ox", "px", "??");
    private static final Set<String> CHARSET_VRS = Set.of("SH", "LO", "ST", "LT", "PN", "UC", "UT");
    private static final Set<String> FLOAT_VRS = Set.of("FL", "OF");
    private static final Set<String> DOUBLE_VRS = Set.of("FD", "OD");
    private static final Set<String> EITHER_US_OR_SS = Set.of("0028,3002", "0028,1101", "0028,1102", "0028,1103");

    private DumpComparison() {
    }

    public static List<String> elementLines(String dump) {
        List<String> lines = new ArrayList<>();
        for (String line : dump.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The element lines of the data set only, after "# Dicom-Data-Set" (the File Meta Information is rebuilt on writing). */
    public static List<String> datasetLines(String dump) {
        int start = dump.indexOf("# Dicom-Data-Set");
        return elementLines(start < 0 ? dump : dump.substring(start));
    }

    public static void assertAgree(String ours, String dcmdump, String what, Option... options) {
        List<String> a = elementLines(ours);
        List<String> b = elementLines(dcmdump);
        Set<Option> set = options.length == 0 ? Set.of() : Set.of(options);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size()) {
                fail(what + ": line " + (i + 1) + " only in " + (i >= a.size() ? "dcmdump: " + b.get(i) : "deidq: " + a.get(i)));
            }
            String difference = difference(a.get(i), b.get(i), set);
            if (difference != null) {
                fail(what + ": line " + (i + 1) + " differs in " + difference + "\n  deidq:   " + a.get(i) + "\n  dcmdump: " + b.get(i));
            }
        }
    }

    private static String difference(String ours, String theirs, Set<Option> options) {
        if (ours.equals(theirs)) {
            return null;
        }
        Matcher a = LINE.matcher(ours);
        Matcher b = LINE.matcher(theirs);
        if (!a.matches() && !b.matches()) {
            return sameContinuation(ours, theirs, options) ? null : "continued value";
        }
        if (!a.matches() || !b.matches()) {
            return "form";
        }
        String tag = a.group("tag");
        boolean utf8 = options.contains(Option.CONVERTED_TO_UTF8);
        if (utf8 && tag.equals("0008,0005") && b.group("tag").equals(tag)) {
            return null;
        }
        for (String field : List.of("indent", "tag", "vm", "name")) {
            if (!a.group(field).equals(b.group(field))) {
                return field;
            }
        }
        String vr = a.group("vr");
        String theirVr = b.group("vr");
        boolean pseudo = PSEUDO_VRS.contains(theirVr) || (EITHER_US_OR_SS.contains(tag) && Set.of("US", "SS").contains(theirVr));
        if (!vr.equals(theirVr) && !pseudo) {
            return "VR";
        }
        boolean charsetText = (utf8 || options.contains(Option.CHARSET_NOT_CONVERTED)) && CHARSET_VRS.contains(vr);
        boolean container = vr.equals("SQ") || vr.equals("na");
        boolean lengthCompared = !charsetText && !(container && options.contains(Option.IGNORE_CONTAINER_LENGTHS));
        if (lengthCompared && !a.group("length").equals(b.group("length"))) {
            return "length";
        }
        boolean groupLength = tag.endsWith(",0000")
                && (options.contains(Option.IGNORE_CONTAINER_LENGTHS) || options.contains(Option.GROUP_LENGTHS_RECOMPUTED));
        if (groupLength || (charsetText && options.contains(Option.CHARSET_NOT_CONVERTED))) {
            return null;
        }
        String valueA = a.group("value").stripTrailing();
        String valueB = b.group("value").stripTrailing();
        if (valueA.equals(valueB)) {
            return null;
        }
        if (FLOAT_VRS.contains(vr) || DOUBLE_VRS.contains(vr)) {
            return sameNumbers(valueA, valueB, FLOAT_VRS.contains(vr)) ? null : "value";
        }
        return "value";
    }

    /**
     * The last line of a value with line breaks in it: the text, then the length, VM and name. With
     * converted text the length is that of the conversion, so only the rest is compared.
     */
    private static boolean sameContinuation(String ours, String theirs, Set<Option> options) {
        boolean converted = options.contains(Option.CONVERTED_TO_UTF8) || options.contains(Option.CHARSET_NOT_CONVERTED);
        Pattern end = Pattern.compile("^(?<value>.*) # +(?<length>\\S+), *(?<vm>\\d+) (?<name>.*)$", Pattern.DOTALL);
        Matcher a = end.matcher(ours);
        Matcher b = end.matcher(theirs);
        if (!a.matches() || !b.matches()) {
            return false;
        }
        return a.group("value").stripTrailing().equals(b.group("value").stripTrailing())
                && a.group("vm").equals(b.group("vm")) && a.group("name").equals(b.group("name"))
                && (converted || a.group("length").equals(b.group("length")));
    }

    /** Values of a (possibly shortened) list of numbers: those both print must be the same numbers. */
    private static boolean sameNumbers(String a, String b, boolean single) {
        String[] x = a.replace("...", "").split("\\\\");
        String[] y = b.replace("...", "").split("\\\\");
        int common = Math.min(x.length, y.length);
        if (common == 0 || (x.length != y.length && !(a.endsWith("...") || b.endsWith("...")))) {
            return false;
        }
        for (int i = 0; i < common; i++) {
            boolean lastOfShortened = i == common - 1 && x.length != y.length;
            if (lastOfShortened) {
                continue;
            }
            double p = Double.parseDouble(x[i]);
            double q = Double.parseDouble(y[i]);
            boolean same = single ? (float) p == (float) q : Math.abs(p - q) <= Math.ulp(p) * 2;
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
