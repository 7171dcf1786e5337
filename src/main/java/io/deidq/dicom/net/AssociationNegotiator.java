package io.deidq.dicom.net;

import java.net.InetAddress;

/** What an acceptor answers to an A-ASSOCIATE-RQ: an acceptance, or a rejection thrown with its reason. */
@FunctionalInterface
public interface AssociationNegotiator {

    AssociateAccept negotiate(AssociateRequest request, InetAddress peer) throws AssociationRejectedException;
}
