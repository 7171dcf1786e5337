package io.deidq.bench;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Sequence;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.Tag;
import io.deidq.recipe.HeaderAction;
import io.deidq.recipe.HeaderCleaner;
import io.deidq.recipe.HeaderOptions;
import io.deidq.recipe.Origin;
import io.deidq.recipe.Recipe;
import io.deidq.recipe.Selector;
import io.deidq.recipe.UidRemapper;
import io.deidq.recipe.Value;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Images per second of one thread cleaning a CT-like header of about 150 elements (two sequences,
 * a private block) with a generated profile of 4,000 KEEP lines by keyword, UIDs remapped, dates
 * jittered, a few names removed, default BLANK and private elements removed.
 * Usage: mvn -q test-compile, then java -cp target/classes:target/test-classes io.deidq.bench.HeaderCleanerBenchmark
 */
public final class HeaderCleanerBenchmark {

    private static final int KEEPS = 4_000;
    private static final int ELEMENTS = 140;

    private HeaderCleanerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        HeaderCleaner cleaner = new HeaderCleaner(recipe(kept()), Map.of(UidRemapper.NAME, new UidRemapper(new byte[32])),
                new HeaderOptions(HeaderAction.Action.BLANK, true));
        List<Integer> header = headerTags().subList(0, ELEMENTS);
        Map<String, Object> vars = Map.of("jitter", 12L, "entity_id", "SUBJECT-1");
        int images = 20_000;
        for (int round = 0; round < 5; round++) {
            long building = 0;
            long start = System.nanoTime();
            for (int i = 0; i < images; i++) {
                long b = System.nanoTime();
                Dataset ds = ctHeader(header);
                building += System.nanoTime() - b;
                cleaner.clean(ds, vars);
            }
            double seconds = (System.nanoTime() - start - building) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %,.0f images/s (%d elements each, %d-line recipe)%n",
                    round, images / seconds, ctHeader(header).size(), KEEPS + 4);
        }
    }

    private static Recipe recipe(List<Integer> tags) throws Exception {
        List<HeaderAction> actions = new ArrayList<>();
        int line = 0;
        for (int tag : tags) {
            String keyword = ElementDictionary.keywordOf(tag);
            actions.add(new HeaderAction(HeaderAction.Action.KEEP, new Selector.Field(keyword), null,
                    new Origin("profile", ++line, "KEEP " + keyword)));
        }
        actions.add(new HeaderAction(HeaderAction.Action.REPLACE, new Selector.SelectVR(VR.UI), new Value.Function(UidRemapper.NAME),
                new Origin("profile", ++line, "REPLACE select:VR:UI func:remap_uid")));
        actions.add(new HeaderAction(HeaderAction.Action.JITTER, new Selector.SelectVR(VR.DA), new Value.Variable("jitter"),
                new Origin("profile", ++line, "JITTER select:VR:DA var:jitter")));
        actions.add(new HeaderAction(HeaderAction.Action.REMOVE, new Selector.Field("PatientName"), null,
                new Origin("profile", ++line, "REMOVE PatientName")));
        actions.add(new HeaderAction(HeaderAction.Action.ADD, new Selector.Field("PatientID"), new Value.Variable("entity_id"),
                new Origin("profile", ++line, "ADD PatientID var:entity_id")));
        return new Recipe(List.of("profile"), actions, List.of(), Map.of(), Map.of());
    }

    /** What a profile keeps: the first 4,000 keywords of the dictionary that are no UID, date or name. */
    private static List<Integer> kept() throws IllegalAccessException {
        List<Integer> kept = new ArrayList<>();
        for (int tag : dictionaryTags()) {
            VR vr = ElementDictionary.lookup(tag).vr();
            if (vr != VR.UI && vr != VR.DA && vr != VR.PN && kept.size() < KEEPS) {
                kept.add(tag);
            }
        }
        return kept;
    }

    /** Elements of group 0008 on with one text or US VR, for the header. */
    private static List<Integer> headerTags() throws IllegalAccessException {
        List<Integer> tags = new ArrayList<>();
        for (int tag : dictionaryTags()) {
            DictionaryEntry entry = ElementDictionary.lookup(tag);
            if ((entry.vr().isText() || entry.vr() == VR.US) && (tag >>> 16) >= 0x0008 && !entry.ambiguousVR()) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** The tags of the generated Tag constants that the dictionary gives a VR, in tag order. */
    private static List<Integer> dictionaryTags() throws IllegalAccessException {
        List<Integer> tags = new ArrayList<>();
        for (Field f : Tag.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                int tag = f.getInt(null);
                DictionaryEntry entry = ElementDictionary.lookup(tag);
                if (entry != null && entry.vr() != null && entry.vr() != VR.SQ) {
                    tags.add(tag);
                }
            }
        }
        tags.sort(Integer::compareUnsigned);
        return tags;
    }

    private static Dataset ctHeader(List<Integer> tags) {
        Dataset ds = new Dataset();
        for (int tag : tags) {
            VR vr = ElementDictionary.lookup(tag).vr();
            switch (vr) {
                case US -> ds.putLong(tag, vr, 512);
                case DA -> ds.putString(tag, vr, "20230101");
                case TM -> ds.putString(tag, vr, "120000");
                case DT -> ds.putString(tag, vr, "20230101120000");
                case UI -> ds.putString(tag, vr, "1.2.826.0.1.3680043.9.7433." + (tag & 0xFFFF));
                case DS -> ds.putString(tag, vr, "1.5");
                case IS -> ds.putString(tag, vr, "3");
                case AS -> ds.putString(tag, vr, "042Y");
                case CS -> ds.putString(tag, vr, "VALUE");
                default -> ds.putString(tag, vr, "Some text");
            }
        }
        ds.putString(Tag.PatientName, VR.PN, "DOE^JOHN");
        Sequence codes = new Sequence(false);
        for (int i = 0; i < 2; i++) {
            Dataset item = new Dataset();
            item.putString(Tag.CodeValue, VR.SH, "C" + i);
            item.putString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
            item.putString(Tag.CodeMeaning, VR.LO, "Meaning");
            codes.add(item);
        }
        ds.put(Element.of(Tag.ProcedureCodeSequence, VR.SQ, codes));
        ds.putString(0x00290010, VR.LO, "SIEMENS CSA HEADER");
        for (int e = 0x1008; e < 0x1010; e++) {
            ds.putString(0x00290000 | e, VR.LO, "private");
        }
        return ds;
    }
}
