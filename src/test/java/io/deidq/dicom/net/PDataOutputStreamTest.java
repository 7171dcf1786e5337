package io.deidq.dicom.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a message is cut into P-DATA-TF PDUs of one PDV each (PS3.8 9.3.5, Annex E). */
class PDataOutputStreamTest {

    private static final int MAX_PDU = 4096;
    /** What a PDU of MAX_PDU carries of the message: the PDU length counts the PDV's 4-byte length and 2-byte header. */
    private static final int FRAGMENT = MAX_PDU - 6;

    @TempDir
    Path tmp;

    /** Every write the stream makes, one byte array each. */
    private final List<byte[]> writes = new ArrayList<>();
    private final OutputStream wire = new OutputStream() {
        @Override
        public void write(int b) {
            writes.add(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(Arrays.copyOfRange(b, off, off + len));
        }
    };

    @ParameterizedTest
    @ValueSource(ints = {2, FRAGMENT - 2, FRAGMENT, FRAGMENT + 2, 2 * FRAGMENT, 2 * FRAGMENT + 2, 100_000})
    void aMessageIsCutIntoPdusOfAtMostTheMaxLengthAndReassemblesExactly(int length) throws IOException {
        byte[] message = Pdus.pattern(length, length);
        try (PDataOutputStream out = new PDataOutputStream(wire, 7, false, MAX_PDU)) {
            out.write(message);
        }

        List<Fragment> fragments = fragments();
        assertThat(fragments).hasSize((length + FRAGMENT - 1) / FRAGMENT);
        for (int i = 0; i < fragments.size(); i++) {
            Fragment f = fragments.get(i);
            assertThat(f.pduLength()).as("PDU %d length", i).isLessThanOrEqualTo(MAX_PDU);
            assertThat(f.presentationContext()).isEqualTo(7);
            assertThat(f.header() & 1).as("command bit of a data set fragment").isZero();
            assertThat((f.header() & 2) != 0).as("last-fragment bit of PDU %d of %d", i, fragments.size()).isEqualTo(i == fragments.size() - 1);
            if (i < fragments.size() - 1) {
                assertThat(f.pduLength()).as("every PDU but the last is full").isEqualTo(MAX_PDU);
            }
        }
        assertThat(reassembled(fragments)).isEqualTo(message);
    }

    @Test
    void oneStreamSendsMessageAfterMessageButNotTwoAtOnce() throws IOException {
        PDataOutputStream stream = new PDataOutputStream(wire, MAX_PDU, null);
        try (PDataOutputStream command = stream.begin(1, true)) {
            command.write(Pdus.pattern(10, 1));
        }
        try (PDataOutputStream data = stream.begin(3, false)) {
            data.write(Pdus.pattern(FRAGMENT + 2, 2));
            assertThatThrownBy(() -> stream.begin(5, true)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("presentation context 3");
        }

        List<Fragment> fragments = fragments();
        assertThat(fragments).extracting(Fragment::presentationContext).containsExactly(1, 3, 3);
        assertThat(fragments).extracting(f -> f.header() & 3).containsExactly(3, 0, 2);
        assertThat(fragments.get(0).data()).isEqualTo(Pdus.pattern(10, 1));
        assertThat(reassembled(fragments.subList(1, 3))).isEqualTo(Pdus.pattern(FRAGMENT + 2, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, FRAGMENT - 1, FRAGMENT + 1, 10_001})
    void aMessageOfOddLengthIsPaddedWithOneNul(int length) throws IOException {
        byte[] message = Pdus.pattern(length, length);
        try (PDataOutputStream out = new PDataOutputStream(wire, 1, false, MAX_PDU)) {
            out.write(message);
        }
        List<Fragment> fragments = fragments();
        assertThat(fragments).allSatisfy(f -> assertThat(f.data().length % 2).as("fragment length parity").isZero());
        assertThat(reassembled(fragments)).isEqualTo(Arrays.copyOf(message, length + 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {4097, 16383, 9})
    void anOddMaxPduLengthStillGivesEvenFragmentsWithinIt(int maxPdu) throws IOException {
        byte[] message = Pdus.pattern(6 * maxPdu, 4);
        try (PDataOutputStream out = new PDataOutputStream(wire, 1, false, maxPdu)) {
            out.write(message);
        }
        List<Fragment> fragments = fragments();
        assertThat(fragments).allSatisfy(f -> {
            assertThat(f.pduLength()).isLessThanOrEqualTo(maxPdu);
            assertThat(f.data().length % 2).as("fragment length parity").isZero();
        });
        assertThat(fragments.get(0).pduLength()).isEqualTo(maxPdu - 1);
        assertThat(reassembled(fragments)).isEqualTo(message);
    }

    @Test
    void withAMegabyteMaxEveryPduButTheLastIsAMegabyte() throws IOException {
        int max = 1 << 20;
        byte[] message = Pdus.pattern(3 * max, 8);
        try (PDataOutputStream out = new PDataOutputStream(wire, 1, false, max)) {
            for (int at = 0; at < message.length; at += 1000) {
                out.write(message, at, Math.min(1000, message.length - at));
            }
        }
        List<Fragment> fragments = fragments();
        assertThat(fragments).extracting(Fragment::pduLength).containsExactly(max, max, max, 3 * 6 + 6);
        assertThat(reassembled(fragments)).isEqualTo(message);
    }

    @Test
    void aMessageOfExactlyOneFullPduIsOnePduWithTheLastBit() throws IOException {
        try (PDataOutputStream out = new PDataOutputStream(wire, 1, true, MAX_PDU)) {
            out.write(new byte[FRAGMENT]);
        }
        List<Fragment> fragments = fragments();
        assertThat(fragments).hasSize(1);
        assertThat(fragments.get(0).pduLength()).isEqualTo(MAX_PDU);
        assertThat(fragments.get(0).header()).isEqualTo(3);
    }

    @Test
    void anEmptyMessageStillEndsWithALastFragment() throws IOException {
        new PDataOutputStream(wire, 3, false, MAX_PDU).close();
        assertThat(writes).containsExactly(new byte[] {0x04, 0, 0, 0, 0, 6, 0, 0, 0, 2, 3, 2});
    }

    @Test
    void closingTwiceSendsOneLastFragment() throws IOException {
        PDataOutputStream out = new PDataOutputStream(wire, 3, true, MAX_PDU);
        out.write(42);
        out.close();
        out.close();
        assertThat(fragments()).hasSize(1);
    }

    @Test
    void commandFragmentsCarryTheCommandBitEveryOne() throws IOException {
        try (PDataOutputStream out = new PDataOutputStream(wire, 5, true, 64)) {
            out.write(Pdus.pattern(200, 1));
        }
        List<Fragment> fragments = fragments();
        assertThat(fragments).hasSize(4);
        assertThat(fragments).allSatisfy(f -> assertThat(f.header() & 1).isEqualTo(1));
        assertThat(fragments).extracting(Fragment::pduLength).containsExactly(64, 64, 64, 200 - 3 * 58 + 6);
    }

    @Test
    void byteByByteWritesCutTheSameAsOneWrite() throws IOException {
        byte[] message = Pdus.pattern(3 * FRAGMENT + 18, 9);
        try (PDataOutputStream out = new PDataOutputStream(wire, 1, false, MAX_PDU)) {
            for (byte b : message) {
                out.write(b);
            }
        }
        List<Fragment> fragments = fragments();
        assertThat(fragments).extracting(Fragment::pduLength).containsExactly(MAX_PDU, MAX_PDU, MAX_PDU, 18 + 6);
        assertThat(reassembled(fragments)).isEqualTo(message);
    }

    @Test
    void eachPduGoesOutInOneWriteAndIsFlushed() throws IOException {
        List<String> calls = new ArrayList<>();
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                calls.add("byte");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                calls.add("write " + len);
            }

            @Override
            public void flush() {
                calls.add("flush");
            }
        };
        try (PDataOutputStream out = new PDataOutputStream(counting, 1, false, MAX_PDU)) {
            out.write(new byte[FRAGMENT + 10]);
        }
        assertThat(calls).containsExactly("write " + (MAX_PDU + 6), "flush", "write " + (10 + 12), "flush");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theRestOfAMessageComesFromAFileThroughTheChannelWhenThereIsOne(boolean withChannel) throws IOException {
        byte[] bytes = Pdus.pattern(3 * FRAGMENT + 110, 5);
        Path file = Files.write(tmp.resolve("data.bin"), bytes);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        CountingChannel channel = new CountingChannel(stream);

        PDataOutputStream out = new PDataOutputStream(stream, MAX_PDU, withChannel ? channel : null).begin(3, false);
        try (FileChannel source = FileChannel.open(file)) {
            out.finishFrom(source, 10, bytes.length - 10);
        }
        out.close();

        List<Fragment> fragments = fragmentsOf(stream.toByteArray());
        assertThat(fragments).extracting(Fragment::pduLength).containsExactly(MAX_PDU, MAX_PDU, MAX_PDU, 100 + 6);
        assertThat(fragments).extracting(f -> f.header() & 3).containsExactly(0, 0, 0, 2);
        assertThat(reassembled(fragments)).isEqualTo(Arrays.copyOfRange(bytes, 10, bytes.length));
        assertThat(channel.bytes).as("bytes that went through the channel").isEqualTo(withChannel ? bytes.length - 10 : 0);
    }

    @Test
    void bytesWrittenBeforeTheFileAndAnOddEndGoThroughTheBufferAndTheEndIsPadded() throws IOException {
        byte[] bytes = Pdus.pattern(2 * FRAGMENT + 7, 9);
        Path file = Files.write(tmp.resolve("odd.bin"), bytes);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();

        PDataOutputStream out = new PDataOutputStream(stream, MAX_PDU, new CountingChannel(stream)).begin(1, false);
        out.write(Pdus.pattern(4, 1));
        try (FileChannel source = FileChannel.open(file)) {
            out.finishFrom(source, 0, bytes.length);
        }

        List<Fragment> fragments = fragmentsOf(stream.toByteArray());
        assertThat(fragments).allSatisfy(f -> assertThat(f.data().length % 2).isZero());
        assertThat(fragments.get(fragments.size() - 1).header() & 2).isEqualTo(2);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(Pdus.pattern(4, 1));
        expected.writeBytes(bytes);
        expected.write(0);
        assertThat(reassembled(fragments)).isEqualTo(expected.toByteArray());
    }

    /** A channel onto the same stream as the PDU headers, counting what goes through it. */
    private static final class CountingChannel implements WritableByteChannel {

        private final ByteArrayOutputStream stream;
        long bytes;

        CountingChannel(ByteArrayOutputStream stream) {
            this.stream = stream;
        }

        @Override
        public int write(ByteBuffer source) {
            int n = source.remaining();
            byte[] chunk = new byte[n];
            source.get(chunk);
            stream.writeBytes(chunk);
            bytes += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** The PDUs of a byte stream, each holding exactly one PDV. */
    private static List<Fragment> fragmentsOf(byte[] stream) {
        List<Fragment> fragments = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (in.hasRemaining()) {
            assertThat(in.get()).as("PDU type").isEqualTo((byte) 0x04);
            in.get();
            int pduLength = in.getInt();
            int pdvLength = in.getInt();
            assertThat(pdvLength).as("PDV length counts the header and the fragment").isEqualTo(pduLength - 4);
            int pc = in.get() & 0xFF;
            int header = in.get() & 0xFF;
            byte[] data = new byte[pdvLength - 2];
            in.get(data);
            fragments.add(new Fragment(pduLength, pc, header, data));
        }
        return fragments;
    }

    record Fragment(int pduLength, int presentationContext, int header, byte[] data) {
    }

    /** Each write must be exactly one P-DATA-TF PDU holding exactly one PDV. */
    private List<Fragment> fragments() {
        List<Fragment> fragments = new ArrayList<>();
        for (byte[] pdu : writes) {
            ByteBuffer in = ByteBuffer.wrap(pdu);
            assertThat(in.get()).as("PDU type").isEqualTo((byte) 0x04);
            in.get();
            int pduLength = in.getInt();
            assertThat(pduLength).as("PDU length").isEqualTo(pdu.length - 6);
            int pdvLength = in.getInt();
            assertThat(pdvLength).as("PDV length counts the header and the fragment").isEqualTo(pduLength - 4);
            int pc = in.get() & 0xFF;
            int header = in.get() & 0xFF;
            byte[] data = new byte[pdvLength - 2];
            in.get(data);
            fragments.add(new Fragment(pduLength, pc, header, data));
        }
        return fragments;
    }

    private static byte[] reassembled(List<Fragment> fragments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fragments.forEach(f -> out.writeBytes(f.data()));
        return out.toByteArray();
    }
}
