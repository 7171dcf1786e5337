package io.deidq.identity;

import java.util.random.RandomGenerator;

/**
 * The whole numbers of days a new subject's jitter is drawn from, uniformly, both ends included
 * and 0 left out: a jitter of 0 would leave every date as it was.
 */
record JitterRange(int minDays, int maxDays) {

    JitterRange {
        if (minDays > maxDays) {
            throw new IllegalArgumentException("the jitter range " + minDays + ".." + maxDays
                    + " is empty: deidq.identity.embedded.jitter.min-days must not exceed max-days");
        }
        if (minDays == 0 && maxDays == 0) {
            throw new IllegalArgumentException("the jitter range 0..0 holds no day but 0, which would leave dates unshifted");
        }
    }

    boolean contains(int days) {
        return days != 0 && days >= minDays && days <= maxDays;
    }

    int draw(RandomGenerator random) {
        boolean spansZero = minDays <= 0 && maxDays >= 0;
        long size = (long) maxDays - minDays + 1 - (spansZero ? 1 : 0);
        long days = minDays + random.nextLong(size);
        if (spansZero && days >= 0) {
            days++;
        }
        return (int) days;
    }
}
