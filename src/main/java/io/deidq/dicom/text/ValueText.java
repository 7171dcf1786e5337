package io.deidq.dicom.text;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.VR;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Element values as dcmdump writes them: text in brackets, numbers and hexadecimal joined by backslash. */
final class ValueText {

    /** dcmtk's DCM_OptPrintLineLength: the most a shortened value takes, "..." included. */
    static final int LINE_WIDTH = 70;

    private ValueText() {
    }

    /** The value text of {@code e}; {@code bytes} is its value or, for bulk data, the start of it. */
    static String of(Dataset dataset, Element e, byte[] bytes, boolean shorten) {
        VR vr = e.vr();
        if (vr.isText()) {
            return "[" + stripPadding(decode(dataset, vr, bytes), vr) + "]";
        }
        return numbers(vr, bytes, shorten);
    }

    static String decode(Dataset dataset, VR vr, byte[] bytes) {
        return vr.usesSpecificCharacterSet()
                ? dataset.specificCharacterSet().decode(bytes, vr == VR.PN)
                : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Binary values in dcmdump's notation, little endian {@code bytes}, any incomplete last value
     * ignored; with {@code shorten}, cut to a line as dcmtk cuts them (whole values, then "...").
     */
    static String numbers(VR vr, byte[] bytes, boolean shorten) {
        List<String> values = new ArrayList<>();
        if (vr == VR.OB || vr == VR.UN || vr == VR.OW) {
            int unit = vr == VR.OW ? 2 : 1;
            for (int at = 0; at + unit <= bytes.length; at += unit) {
                int value = unit == 1 ? bytes[at] & 0xFF : (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
                String digits = Integer.toHexString(value);
                values.add("0".repeat(unit * 2 - digits.length()) + digits);
            }
            return shorten ? shortenFixedWidth(values, unit * 2) : String.join("\\", values);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int unit = vr == VR.AT ? 4 : vr.unitSize();
        for (int at = 0; at + unit <= bytes.length; at += unit) {
            values.add(switch (vr) {
                case US -> Integer.toString(in.getShort(at) & 0xFFFF);
                case SS -> Short.toString(in.getShort(at));
                case UL, OL -> Long.toString(in.getInt(at) & 0xFFFFFFFFL);
                case SL -> Integer.toString(in.getInt(at));
                case UV, OV -> Long.toUnsignedString(in.getLong(at));
                case SV -> Long.toString(in.getLong(at));
                case FL, OF -> CFloat.g(in.getFloat(at), 9);
                case FD, OD -> CFloat.g(in.getDouble(at), 17);
                case AT -> String.format("(%04x,%04x)", in.getShort(at) & 0xFFFF, in.getShort(at + 2) & 0xFFFF);
                default -> throw new IllegalArgumentException(vr + " is not a binary VR");
            });
        }
        return shorten ? shortenWhileFitting(values) : String.join("\\", values);
    }

    /** dcmtk's OB and OW rule: as many fixed-width values as fit in the line with "..." after them. */
    private static String shortenFixedWidth(List<String> values, int width) {
        if (values.size() * (width + 1) - 1 <= LINE_WIDTH) {
            return String.join("\\", values);
        }
        int count = (LINE_WIDTH - 3 + 1) / (width + 1);
        return String.join("\\", values.subList(0, count)) + "...";
    }

    /** dcmtk's rule for numbers: add values while they fit, leaving room for "..." unless it is the last. */
    private static String shortenWhileFitting(List<String> values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String next = (i == 0 ? "" : "\\") + values.get(i);
            int length = text.length() + next.length();
            boolean last = i + 1 == values.size();
            if (length > LINE_WIDTH || (!last && length + 3 > LINE_WIDTH)) {
                return text.append("...").toString();
            }
            text.append(next);
        }
        return text.toString();
    }

    /** The value multiplicity dcmdump shows: 1 for the O* VRs and UN even when empty, else the number of values. */
    static int multiplicity(Dataset dataset, Element e) {
        VR vr = e.vr();
        if (!vr.isMultiValued() && vr.isBinary()) {
            return 1;
        }
        if (e.isEmpty()) {
            return 0;
        }
        if (vr.isText()) {
            if (!vr.isMultiValued() || !e.isInMemory()) {
                return 1;
            }
            String text = decode(dataset, vr, e.bytes());
            int vm = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\\') {
                    vm++;
                }
            }
            return vm;
        }
        return binaryMultiplicity(vr, e.length());
    }

    static int binaryMultiplicity(VR vr, long length) {
        if (!vr.isMultiValued()) {
            return 1;
        }
        return (int) (length / (vr == VR.AT ? 4 : vr.unitSize()));
    }

    /** dcmtk drops the trailing padding characters of the VR: NULs for UI, spaces for the others. */
    private static String stripPadding(String text, VR vr) {
        char padding = vr == VR.UI ? '\0' : ' ';
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == padding) {
            end--;
        }
        return text.substring(0, end);
    }
}
