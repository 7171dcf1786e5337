package io.deidq.receiver;

import io.deidq.receiver.TestInstances.Instance;
import io.deidq.testing.Dcmtk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * storescu with an association profile that proposes each transfer syntax of the files in a
 * presentation context of its own, for each of their SOP classes: whatever the acceptor prefers,
 * storescu then finds a context in the file's own transfer syntax and sends the file unconverted.
 */
final class Storescu {

    private Storescu() {
    }

    static Dcmtk.Result send(Path workDir, int port, List<Instance> instances, String... options) throws IOException {
        Path profile = workDir.resolve("one-context-per-transfer-syntax.cfg");
        Files.writeString(profile, profile(instances));
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", "STORESCU", "-aec", "DEIDQ", "-xf", profile.toString(), "Each"));
        command.addAll(List.of(options));
        command.add("127.0.0.1");
        command.add(String.valueOf(port));
        instances.forEach(i -> command.add(i.file().toString()));
        return Dcmtk.run(workDir, command.toArray(String[]::new));
    }

    private static String profile(List<Instance> instances) {
        Set<String> sopClasses = new LinkedHashSet<>();
        Set<String> transferSyntaxes = new LinkedHashSet<>();
        for (Instance instance : instances) {
            sopClasses.add(instance.sopClassUid());
            transferSyntaxes.add(instance.transferSyntaxUid());
        }
        StringBuilder cfg = new StringBuilder("[[TransferSyntaxes]]\n");
        int ts = 0;
        for (String uid : transferSyntaxes) {
            cfg.append("[TS").append(++ts).append("]\nTransferSyntax1 = ").append(uid).append('\n');
        }
        cfg.append("[[PresentationContexts]]\n[Each]\n");
        int pc = 0;
        for (int i = 1; i <= ts; i++) {
            for (String sopClass : sopClasses) {
                cfg.append("PresentationContext").append(++pc).append(" = ").append(sopClass).append("\\TS").append(i).append('\n');
            }
        }
        if (pc > 128) {
            throw new IllegalArgumentException(pc + " presentation contexts, more than an association holds");
        }
        return cfg.append("[[Profiles]]\n[Each]\nPresentationContexts = Each\n").toString();
    }
}
