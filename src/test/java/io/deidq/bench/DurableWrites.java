package io.deidq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * What the disk allows a receiver that keeps every image durably: the files of a directory copied
 * by {@code threads} writers into new files, each fsynced with its directory entry, as the
 * receiver's spool does, but with no network and no database. scripts/bench receive prints it
 * beside deidq's figure, as the bound that fsyncing sets.
 * Usage: DurableWrites SOURCE-DIRECTORY TARGET-DIRECTORY THREADS
 */
public final class DurableWrites {

    private DurableWrites() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path target = Files.createDirectories(Path.of(args[1]));
        int threads = Integer.parseInt(args[2]);
        List<Path> files;
        try (Stream<Path> list = Files.list(source)) {
            files = list.sorted().toList();
        }
        List<byte[]> contents = files.stream().map(DurableWrites::read).toList();
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            byte[] content = contents.get(i);
            Path file = target.resolve(i + ".dcm");
            done.add(writers.submit(() -> {
                write(file, content);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        writers.shutdown();
        System.out.printf(Locale.ROOT, "%.4f%n", seconds);
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
