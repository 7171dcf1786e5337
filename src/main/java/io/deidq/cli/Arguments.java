package io.deidq.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Options ({@code --name}, {@code --name VALUE} or {@code --name=VALUE}) and the operands after them.
 * An option given twice keeps both values, in order ({@code --recipe a --recipe b}); one value is the last.
 */
final class Arguments {

    private final Map<String, List<String>> options;
    private final List<String> operands;

    private Arguments(Map<String, List<String>> options, List<String> operands) {
        this.options = options;
        this.operands = operands;
    }

    /** @param known option name to whether it takes a value */
    static Arguments parse(String[] args, Map<String, Boolean> known) throws UsageException {
        Map<String, List<String>> options = new HashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                operands.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                operands.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            Boolean takesValue = known.get(name);
            if (takesValue == null) {
                throw new UsageException("unknown option --" + name);
            }
            if (!takesValue) {
                if (eq >= 0) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                options.computeIfAbsent(name, n -> new ArrayList<>()).add("");
            } else if (eq >= 0) {
                options.computeIfAbsent(name, n -> new ArrayList<>()).add(arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.computeIfAbsent(name, n -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
        }
        return new Arguments(options, operands);
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    String value(String option, String orElse) {
        List<String> values = options.get(option);
        return values == null ? orElse : values.get(values.size() - 1);
    }

    /** Every value the option was given, in order; empty when it was not. */
    List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }

    long longValue(String option, long orElse) throws UsageException {
        String text = value(option, null);
        if (text == null) {
            return orElse;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + option + " needs a whole number, not '" + text + "'");
        }
    }

    List<String> operands() {
        return operands;
    }
}
