package dev.bitquark.engine;

/** Where a queue move sends torrents: to the top, one up, one down, to the bottom. */
public enum QueueMove { TOP, UP, DOWN, BOTTOM }
