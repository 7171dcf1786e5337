package io.deidq.recipe;

import io.deidq.dicom.data.Dataset;
import io.deidq.dicom.data.Element;
import io.deidq.dicom.data.Tags;
import io.deidq.dicom.data.VR;

import java.util.Locale;

/**
 * One entry of an image's field index (deid's DicomField): an element at some depth, known by the
 * data set that holds it and its tag, with the names deid's selectors match, and what the header
 * actions have done to it so far. Belongs to one {@link ImageCleaning}, so it is never shared.
 */
final class IndexedField {

    static final int NEVER = Integer.MAX_VALUE;
    static final String SEPARATOR = "__";

    final Dataset dataset;
    final int tag;
    final IndexedField parent;
    /** The index of the item of {@link #parent}'s sequence that holds this field. */
    final int item;
    final String keyword;
    /** The creator of the private block that holds this element, or null. */
    final String creator;
    /** The VR as pydicom reads it: a public element written as UN has its dictionary VR. */
    final VR vr;
    final int position;
    /** The first position after this field's descendants, in the pre-order of the index. */
    int subtreeEnd;

    /** The recipe's actions whose selectors reach this field by its names, tag, VR or lists, in recipe order. */
    int[] candidates;
    boolean alive;
    /** A KEEP reached it, or a sequence around it: no action but ADD touches it. */
    boolean kept;
    boolean reached;
    boolean descendantReached;
    /** The action from which on this sequence has no items (BLANK) or is gone (REMOVE). */
    int itemsGoneAt = NEVER;
    /** The action from which on a sequence around this field has lost its items. */
    int deadline = NEVER;

    private String namePath;
    private String lowerCaseNamePath;
    private String uidPath;
    private String name;

    IndexedField(Dataset dataset, int tag, IndexedField parent, int item, String creator, VR vr, int position, boolean alive) {
        this.dataset = dataset;
        this.tag = tag;
        this.parent = parent;
        this.item = item;
        this.keyword = ElementNames.keywordOf(tag);
        this.creator = creator;
        this.vr = vr;
        this.position = position;
        this.alive = alive;
        this.subtreeEnd = position + 1;
    }

    Element element() {
        return dataset.get(tag);
    }

    boolean isPrivate() {
        return Tags.isPrivate(tag);
    }

    boolean isPrivateCreator() {
        return Tags.isPrivateCreator(tag);
    }

    /** deid's nested name: the keywords from the top, joined by "__" (RequestAttributesSequence__CodeValue). */
    String namePath() {
        if (namePath == null) {
            namePath = parent == null ? keyword : parent.namePath() + SEPARATOR + keyword;
        }
        return namePath;
    }

    String lowerCaseNamePath() {
        if (lowerCaseNamePath == null) {
            lowerCaseNamePath = ElementNames.lower(namePath());
        }
        return lowerCaseNamePath;
    }

    /** deid's uid: tags and item indexes from the top, e.g. (0040,0275)__0__(0032,1064)__0__(0008,0100). */
    String uidPath() {
        if (uidPath == null) {
            String own = Tags.toString(tag);
            uidPath = parent == null ? own : parent.uidPath() + SEPARATOR + item + SEPARATOR + own;
        }
        return uidPath;
    }

    /** pydicom's element name ("Patient's Name", "Private Creator", "[CSAImageHeaderInfo]"). */
    String elementName() {
        if (name == null) {
            name = ElementNames.nameOf(tag, keyword, creator);
        }
        return name;
    }

    /** {@code GGGG,"CREATOR",EE}: how deid names a private element by its block's creator; null for others. */
    String privateName() {
        if (creator == null) {
            return null;
        }
        return hex(Tags.group(tag), 4) + ",\"" + creator + "\"," + hex(Tags.element(tag) & 0xFF, 2);
    }

    /** The tag as deid's stripped_tag writes it: GGGGEEEE. */
    String strippedTag() {
        return hex(Tags.group(tag), 4) + hex(Tags.element(tag), 4);
    }

    private static String hex(int value, int digits) {
        String text = Integer.toHexString(value).toUpperCase(Locale.ROOT);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }

    /**
     * How messages name the field: its keyword (a private element by its tag alone: its creator is
     * a value of the data set) and for a nested one its uid and name paths.
     */
    String describe() {
        String own = keyword.isEmpty() ? Tags.toString(tag) : keyword;
        if (parent == null) {
            return keyword.isEmpty() ? own : own + " " + Tags.toString(tag);
        }
        return own + " at " + uidPath() + " (" + namePath() + ")";
    }
}
