package dev.parallax;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * A row-mode {@code on_update} listener that receives the delta as an Arrow root instead of IPC
 * bytes. For local views the root is imported zero-copy from the engine (string columns stay
 * dictionary-encoded; their dictionaries are in {@code dictionaries}).
 *
 * <p>It is not called for a change the engine produced no delta for (see {@link ViewUpdate}).
 *
 * <p>Ownership: the root and the provider are borrowed and are closed when the call returns; copy
 * what you need (e.g. with a {@code TransferPair}) to keep it. Threading as
 * {@link UpdateListener}.
 */
@FunctionalInterface
public interface ArrowUpdateListener {
  void onUpdate(int portId, VectorSchemaRoot delta, DictionaryProvider dictionaries);
}
