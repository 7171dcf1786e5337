package io.deidq.recipe;

import io.deidq.dicom.data.Tags;
import io.deidq.dicom.dict.DictionaryEntry;
import io.deidq.dicom.dict.ElementDictionary;
import io.deidq.dicom.dict.PrivateDictionary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names deid's selectors match besides keywords: pydicom's element names ("Patient's Name"),
 * from element-names.tsv (scripts/generate-element-names), and the keywords of deidq's dictionary
 * looked up regardless of case, as deid compares them.
 */
final class ElementNames {

    private static final Map<String, String> NAME_BY_KEYWORD = new HashMap<>(8192);
    private static final Map<String, String> KEYWORD_BY_LOWER_CASE = new HashMap<>(8192);
    private static final Set<String> KEYWORDS = new HashSet<>(8192);
    private static final Map<String, List<String>> KEYWORDS_BY_LOWER_CASE_NAME = new HashMap<>(8192);

    static {
        InputStream in = ElementNames.class.getResourceAsStream("element-names.tsv");
        if (in == null) {
            throw new IllegalStateException("element-names.tsv is missing from the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String keyword = line.substring(0, tab);
                String name = line.substring(tab + 1);
                KEYWORD_BY_LOWER_CASE.put(lower(keyword), keyword);
                KEYWORDS.add(keyword);
                if (!name.isEmpty()) {
                    NAME_BY_KEYWORD.put(keyword, name);
                    KEYWORDS_BY_LOWER_CASE_NAME.computeIfAbsent(lower(name), n -> new ArrayList<>()).add(keyword);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read element-names.tsv", e);
        }
    }

    private ElementNames() {
    }

    /** The dictionary keyword spelt {@code text} in any case, or null. */
    static String keyword(String text) {
        return KEYWORD_BY_LOWER_CASE.get(lower(text));
    }

    /** The keywords of the elements whose name is {@code text} in any case; several retired elements share a name. */
    static List<String> keywordsNamed(String text) {
        return KEYWORDS_BY_LOWER_CASE_NAME.getOrDefault(lower(text), List.of());
    }

    /** The keyword pydicom gives a tag: the standard's, none for private and unknown tags. */
    static String keywordOf(int tag) {
        if (Tags.isPrivate(tag)) {
            return "";
        }
        String keyword = ElementDictionary.keywordOf(tag);
        return KEYWORDS.contains(keyword) ? keyword : "";
    }

    /** The name pydicom gives an element (DataElement.name), {@code creator} being its block's private creator or null. */
    static String nameOf(int tag, String keyword, String creator) {
        if (Tags.isPrivate(tag)) {
            if (creator != null) {
                DictionaryEntry entry = PrivateDictionary.lookup(creator, tag);
                if (entry != null) {
                    return "[" + entry.keyword() + "]";
                }
            } else if (Tags.isPrivateCreator(tag)) {
                return "Private Creator";
            }
            return "Private tag data";
        }
        String name = NAME_BY_KEYWORD.get(keyword);
        if (name != null) {
            return name;
        }
        return Tags.isGroupLength(tag) ? "Group Length" : "";
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
