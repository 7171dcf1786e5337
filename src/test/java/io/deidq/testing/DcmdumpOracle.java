package io.deidq.testing;

import io.deidq.dicom.dict.Tag;
import io.deidq.dicom.io.DicomFile;
import io.deidq.testing.DumpComparison.Option;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds deidq's dump of a file against dcmdump's. */
public final class DcmdumpOracle {

    private DcmdumpOracle() {
    }

    /**
     * Compares {@code ours}, deidq's dump of {@code dicom}, with dcmdump run with {@code options};
     * text in a Specific Character Set is compared after dcmdump's conversion to UTF-8 (+U8).
     */
    public static void assertAgrees(DicomFile dicom, String ours, Path workDir, String... options) {
        Path file = dicom.source();
        String name = file.getFileName().toString();
        if (!dicom.dataset().contains(Tag.SpecificCharacterSet)) {
            // +U8 would add a Specific Character Set to the dump; without one, text is ASCII anyway.
            Dcmtk.Result plain = Dcmtk.run(workDir, command(new String[] {"dcmdump"}, options, file)).assertClean();
            DumpComparison.assertAgree(ours, plain.stdout(), name);
            return;
        }
        Dcmtk.Result converted = Dcmtk.run(workDir, command(new String[] {"dcmdump", "+U8"}, options, file));
        if (converted.clean()) {
            DumpComparison.assertAgree(ours, converted.stdout(), name, Option.CONVERTED_TO_UTF8);
            return;
        }
        // dcmtk 3.6.7 cannot convert every set (its iconv lacks IR 87 and IR 159; it predates ISO_IR 203;
        // it fails on an item in another set than its data set): compare all but the text it leaves raw.
        assertThat(converted.stderr()).contains("converting file to UTF-8");
        Dcmtk.Result raw = Dcmtk.run(workDir, command(new String[] {"dcmdump"}, options, file)).assertClean();
        DumpComparison.assertAgree(ours, raw.stdout(), name, Option.CHARSET_NOT_CONVERTED);
    }

    private static String[] command(String[] head, String[] options, Path file) {
        String[] all = new String[head.length + options.length + 1];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(options, 0, all, head.length, options.length);
        all[all.length - 1] = file.toString();
        return all;
    }
}
