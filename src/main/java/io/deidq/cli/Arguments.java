package io.deidq.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Options ({@code --name}, {@code --name VALUE} or {@code --name=VALUE}) and the operands after them. */
final class Arguments {

    private final Map<String, String> options;
    private final List<String> operands;

    private Arguments(Map<String, String> options, List<String> operands) {
        this.options = options;
        this.operands = operands;
    }

    /** @param known option name to whether it takes a value */
    static Arguments parse(String[] args, Map<String, Boolean> known) throws UsageException {
        Map<String, String> options = new HashMap<>();
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
                options.put(name, "");
            } else if (eq >= 0) {
                options.put(name, arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
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
        return options.getOrDefault(option, orElse);
    }

    long longValue(String option, long orElse) throws UsageException {
        String text = options.get(option);
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
