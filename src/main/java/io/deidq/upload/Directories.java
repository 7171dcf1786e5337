package io.deidq.upload;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directories a sink renamed files into since its last flush. The images of a series share
 * one directory, so syncing each once per flush, not once per file, is most of a sink's disk waits
 * saved. A directory is taken out before it is synced: a file renamed into it meanwhile puts it
 * back, and is made durable by the next flush.
 */
final class Directories {

    private final Set<Path> unsynced = ConcurrentHashMap.newKeySet();

    void add(Path directory) {
        unsynced.add(directory);
    }

    /** Syncs every directory added before the call: the renames into them are durable when it returns. */
    void sync() throws IOException {
        for (Path directory : List.copyOf(unsynced)) {
            unsynced.remove(directory);
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                unsynced.add(directory);
                throw e;
            }
        }
    }
}
