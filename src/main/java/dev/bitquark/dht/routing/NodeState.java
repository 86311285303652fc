package dev.bitquark.dht.routing;

/** BEP 5 "Routing Table": a node is good, questionable or bad. */
public enum NodeState {
    /** Answered one of our queries within 15 minutes, or answered ever and queried us within 15 minutes. */
    GOOD,
    /** Nothing heard for 15 minutes, or one query in a row unanswered. */
    QUESTIONABLE,
    /** Failed to answer two queries in a row: never queried again, first to be replaced. */
    BAD
}
