package io.deidq.dicom.net;

import java.util.List;

/** A presentation context an association requestor proposes (PS3.8 9.3.2.2): odd ID, abstract syntax, transfer syntaxes. */
public record PresentationContext(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public PresentationContext {
        if (id < 1 || id > 255 || (id & 1) == 0) {
            throw new IllegalArgumentException("presentation context ID " + id + " is not an odd number from 1 to 255");
        }
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }
}
