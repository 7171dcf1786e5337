package io.deidq.recipe;

import io.deidq.dicom.data.VR;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * JITTER (reference 1.6), failing closed: a DA moves by n days, each of several values; a DT
 * moves by n days and keeps its precision and offset (deid adds ".000000"); a TM stays (deid
 * writes today's date into it); another VR moves when its value is a date YYYYMMDD, as deid
 * tries; a value that is none of these fails the image, where deid would keep it.
 */
final class DateShift {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private DateShift() {
    }

    /** The values shifted, joined by backslash; null when the VR is one that JITTER leaves as it is (TM). */
    static String shift(VR vr, List<String> values, long days) throws Refusal {
        if (vr == VR.TM) {
            return null;
        }
        StringBuilder shifted = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (i > 0) {
                shifted.append('\\');
            }
            if (!value.isEmpty()) {
                shifted.append(vr == VR.DT ? dateTime(value, days) : date(value, days, vr));
            }
        }
        return shifted.toString();
    }

    private static String date(String value, long days, VR vr) throws Refusal {
        if (!VrConversion.validDate(value)) {
            throw new Refusal(vr == VR.DA ? "the value is not a date (DA, YYYYMMDD)"
                    : "the value of this " + vr + " is not a date YYYYMMDD, so JITTER cannot shift it");
        }
        return plusDays(value, days);
    }

    private static String dateTime(String value, long days) throws Refusal {
        if (!VrConversion.validDateTime(value)) {
            throw new Refusal("the value is not a date and time (DT)");
        }
        if (value.length() < 8 || !Character.isDigit(value.charAt(7))) {
            throw new Refusal("the DT has no day, so it cannot be shifted by days and keep its precision");
        }
        return plusDays(value.substring(0, 8), days) + value.substring(8);
    }

    private static String plusDays(String date, long days) throws Refusal {
        try {
            LocalDate shifted = LocalDate.parse(date, BASIC).plusDays(days);
            if (shifted.getYear() < 1 || shifted.getYear() > 9999) {
                throw new Refusal("the shifted date leaves the years DICOM can write");
            }
            return shifted.format(BASIC);
        } catch (DateTimeException outOfRange) {
            throw new Refusal("the date cannot be shifted that far");
        }
    }
}
