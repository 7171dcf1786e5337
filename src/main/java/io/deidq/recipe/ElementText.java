package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;
import io.deidq.dicom.data.Values;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The values of an element as text, what a filter criterion tests. */
final class ElementText {

    /** Text left in the file (bulk data) longer than this is refused rather than read into the heap. */
    static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;

    private ElementText() {
    }

    /**
     * The element's values, decoded in the data set's character set, without padding; null when
     * the element holds no text (a sequence, compressed pixels, bytes). Numbers give their text. A
     * private UN element (implicit VR) is read as text, as deid's str() of its bytes reads it.
     */
    static String[] of(Dataset dataset, Element element) {
        if (element.isSequence() || element.isFragments()) {
            return null;
        }
        VR vr = textVR(element);
        if (vr == null) {
            return null;
        }
        byte[] bytes = element.isBulk() ? read(element) : element.bytes();
        return Values.strings(Element.of(element.tag(), vr, bytes), dataset.specificCharacterSet(), true);
    }

    /** The VR to read the value as: its own when it is text or numbers, the dictionary's for bytes of a public text attribute. */
    private static VR textVR(Element element) {
        VR vr = element.vr();
        if (vr.isText() || (vr.isBinary() && vr.isMultiValued())) {
            return vr;
        }
        if (Tags.isPrivate(element.tag())) {
            return vr == VR.UN ? VR.LO : null;
        }
        DictionaryEntry entry = ElementDictionary.lookup(element.tag());
        return entry != null && entry.vr() != null && entry.vr().isText() ? entry.vr() : null;
    }

    private static byte[] read(Element element) {
        long length = element.length();
        if (length > MAX_TEXT_BYTES) {
            throw new UncheckedIOException(new IOException("element " + Tags.toString(element.tag()) + " " + element.vr()
                    + " holds " + length + " bytes, more than the " + MAX_TEXT_BYTES + " a filter reads as text"));
        }
        try {
            return element.bulkData().read(0, (int) length, element.vr().unitSize());
        } catch (IOException e) {
            throw new UncheckedIOException("element " + Tags.toString(element.tag()) + " cannot be read from its file", e);
        }
    }
}
