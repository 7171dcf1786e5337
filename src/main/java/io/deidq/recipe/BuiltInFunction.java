package io.deidq.recipe;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * deid's built-in functions, {@code deid_func:NAME k=v ...} (deid/dicom/actions): their options are
 * checked when the recipe is loaded, so that a misspelt one refuses the recipe instead of being
 * ignored.
 */
sealed interface BuiltInFunction extends ValueSource {

    static BuiltInFunction of(String name, Map<String, String> options, Origin origin) throws RecipeException {
        Options opts = new Options(name, options, origin);
        BuiltInFunction function = switch (name) {
            case "jitter" -> new Jitter(opts.integer("years", 0) * 365L + opts.integer("days", 1));
            case "dicom_uuid" -> new DicomUuid(opts.text("org_root", "anonymous-organization"));
            case "pydicom_uuid" -> PydicomUuid.of(opts.text("prefix", "2.25."), opts.bool("stable_remapping", true), origin);
            case "basic_uuid" -> new BasicUuid();
            case "suffix_uuid" -> new SuffixUuid();
            default -> throw new RecipeException(origin, "deid has no built-in function " + name
                    + " (jitter, dicom_uuid, pydicom_uuid, basic_uuid, suffix_uuid)");
        };
        opts.refuseOthers();
        return function;
    }

    /** Whether what it makes can be a UID: basic_uuid and suffix_uuid make none, so they are refused on a UI field. */
    default boolean makesUids() {
        return true;
    }

    /** {@code jitter days=1 years=0}: the field's own value shifted by years * 365 + days, as JITTER shifts it. */
    record Jitter(long days) implements BuiltInFunction {

        @Override
        public String text(Target target, Map<String, Object> vars) throws Refusal {
            String shifted = DateShift.shift(target.field().vr, target.currentValues(), days);
            return shifted == null ? target.currentText() : shifted;
        }

        @Override
        public String describe() {
            return "deid_func:jitter";
        }
    }

    /** {@code dicom_uuid org_root=...}: the root, a dot and a random UUID as an integer, cut to 64 characters. */
    record DicomUuid(String orgRoot) implements BuiltInFunction {

        @Override
        public String text(Target target, Map<String, Object> vars) {
            UUID uuid = UUID.randomUUID();
            BigInteger value = new BigInteger(1, toBytes(uuid));
            String uid = orgRoot + "." + value;
            return uid.substring(0, Math.min(uid.length(), PydicomUid.MAX_LENGTH));
        }

        private static byte[] toBytes(UUID uuid) {
            return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        }

        @Override
        public String describe() {
            return "deid_func:dicom_uuid";
        }
    }

    /**
     * {@code pydicom_uuid prefix=2.25. stable_remapping=true}: pydicom's generate_uid with the
     * original value as entropy, so one UID always maps to the same one. Each value of a
     * multi-valued field is mapped on its own (deid hashes the printout of the list), and an empty
     * value stays empty (deid would give every empty value one and the same UID). Without stable
     * remapping the UID is random (deid hashes nothing, which gives every field one constant UID).
     */
    record PydicomUuid(String prefix, boolean stable) implements BuiltInFunction {

        static PydicomUuid of(String prefix, boolean stable, Origin origin) throws RecipeException {
            String refusal = PydicomUid.refusal(prefix);
            if (refusal != null) {
                throw new RecipeException(origin, "deid_func:pydicom_uuid: " + refusal);
            }
            return new PydicomUuid(prefix, stable);
        }

        @Override
        public String text(Target target, Map<String, Object> vars) {
            List<String> values = target.currentValues();
            StringBuilder uids = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                uids.append(i == 0 ? "" : "\\");
                if (!value.isEmpty()) {
                    uids.append(stable ? PydicomUid.stable(prefix, value) : PydicomUid.random(prefix));
                }
            }
            return uids.toString();
        }

        @Override
        public String describe() {
            return "deid_func:pydicom_uuid";
        }
    }

    /** {@code basic_uuid}: a random UUID as text, which is no DICOM UID. */
    record BasicUuid() implements BuiltInFunction {

        @Override
        public String text(Target target, Map<String, Object> vars) {
            return UUID.randomUUID().toString();
        }

        @Override
        public boolean makesUids() {
            return false;
        }

        @Override
        public String describe() {
            return "deid_func:basic_uuid";
        }
    }

    /** {@code suffix_uuid}: the field's nested name in lower case, a dash and a random UUID. */
    record SuffixUuid() implements BuiltInFunction {

        @Override
        public String text(Target target, Map<String, Object> vars) {
            return ElementNames.lower(target.field().namePath()) + "-" + UUID.randomUUID();
        }

        @Override
        public boolean makesUids() {
            return false;
        }

        @Override
        public String describe() {
            return "deid_func:suffix_uuid";
        }
    }

    /** The k=v options of one call, each read at most once, so that any left over can be refused. */
    final class Options {

        private final String function;
        private final Map<String, String> left;
        private final Origin origin;

        Options(String function, Map<String, String> options, Origin origin) {
            this.function = function;
            this.left = new HashMap<>(options);
            this.origin = origin;
        }

        String text(String key, String orElse) {
            String value = left.remove(key);
            return value == null ? orElse : value;
        }

        int integer(String key, int orElse) throws RecipeException {
            String value = left.remove(key);
            if (value == null) {
                return orElse;
            }
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException notAnInteger) {
                throw new RecipeException(origin, "deid_func:" + function + ": " + key + " must be a whole number");
            }
        }

        boolean bool(String key, boolean orElse) throws RecipeException {
            String value = left.remove(key);
            if (value == null) {
                return orElse;
            }
            if (!Set.of("true", "false").contains(value.strip())) {
                throw new RecipeException(origin, "deid_func:" + function + ": " + key + " must be true or false");
            }
            return value.strip().equals("true");
        }

        void refuseOthers() throws RecipeException {
            if (!left.isEmpty()) {
                throw new RecipeException(origin, "deid_func:" + function + " takes no option " + String.join(", ", new TreeSet<>(left.keySet())));
            }
        }
    }
}
