package dev.parallax;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow IPC bytes (file or stream format, from a Java array or a file) decoded with Arrow Java's
 * message classes, each record batch buffer copied into <b>its own</b> allocation.
 *
 * <p>Why not {@code ArrowFileReader} / {@code ArrowStreamReader}: they read a batch's whole body
 * into one allocation and slice it, so a table that adopts a batch's numeric buffers zero-copy
 * would keep the entire body resident, string offsets and bytes included, which the engine has
 * already interned into its dictionaries. With one allocation per buffer, those are freed once
 * the engine returns. The copy is the same single pass either way.
 *
 * <p>Dictionary batches and compressed or variadic record batches take Arrow Java's own path
 * (one body allocation, then {@link MessageSerializer}); compressed bodies are decompressed by
 * {@link ArrowBridge#CODECS} (LZ4 frame) as in Arrow Java's readers.
 *
 * <p>Every offset and length is checked against the input before anything is allocated, so
 * malformed input raises {@link IOException} (never an allocation of its claimed size).
 *
 * <p>Ownership: owns its source and closes it with the reader. Thread-safety: one thread at a
 * time, like every {@link ArrowReader}.
 */
final class IpcReader extends ArrowReader {
  private static final int MAGIC_LENGTH = 6;
  /** Bytes per read into a direct-buffer view of native memory (a view holds at most 2 GiB). */
  private static final int READ_CHUNK = 1 << 30;

  /** Random-access input bytes. */
  interface Source extends Closeable {
    long size();

    /** Fills {@code dst} (position to limit) with the bytes from {@code pos}. */
    void read(long pos, ByteBuffer dst) throws IOException;
  }

  /** A Java array; copies are bulk copies into native memory. */
  static Source of(byte[] bytes) {
    return new Source() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public void read(long pos, ByteBuffer dst) {
        dst.put(bytes, (int) pos, dst.remaining());
      }

      @Override
      public void close() {}
    };
  }

  /** A file, read with positional reads (straight into native memory for buffers). */
  static Source of(FileChannel channel) throws IOException {
    long size = channel.size();
    return new Source() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public void read(long pos, ByteBuffer dst) throws IOException {
        long at = pos;
        while (dst.hasRemaining()) {
          int n = channel.read(dst, at);
          if (n < 0) {
            throw new IOException("unexpected end of file at byte " + at);
          }
          at += n;
        }
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  private final Source source;
  private final boolean fileFormat;
  /** File format: the footer, and the next record batch block. */
  private ArrowFooter footer;
  private int nextBlock;
  /** Stream format: where the next message starts. */
  private long next;
  private long bytesRead;

  IpcReader(Source source, boolean fileFormat, BufferAllocator allocator) {
    super(allocator, ArrowBridge.CODECS);
    this.source = source;
    this.fileFormat = fileFormat;
  }

  // ---- message framing ----

  /** One message: its flatbuffer header and where its body lies. */
  private static final class Msg {
    final Message message;
    final long bodyStart;
    final long bodyLength;

    Msg(Message message, long bodyStart, long bodyLength) {
      this.message = message;
      this.bodyStart = bodyStart;
      this.bodyLength = bodyLength;
    }

    long end() {
      return bodyStart + bodyLength;
    }
  }

  private int readInt(long pos) throws IOException {
    check(pos, 4, "a message length");
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    source.read(pos, b);
    return b.getInt(0);
  }

  private void check(long pos, long length, String what) throws IOException {
    if (pos < 0 || length < 0 || pos + length > source.size()) {
      throw new IOException(what + " of " + length + " bytes at byte " + pos + " runs past the end of the "
          + source.size() + "-byte input");
    }
  }

  /** The message at {@code pos}, or null at the end-of-stream marker or the end of the input. */
  private Msg readMessage(long pos) throws IOException {
    if (pos + 4 > source.size()) {
      return null;
    }
    int length = readInt(pos);
    pos += 4;
    if (length == -1) {
      length = readInt(pos);
      pos += 4;
    }
    if (length == 0) {
      return null;
    }
    check(pos, length, "message metadata");
    ByteBuffer meta = ByteBuffer.allocate(length);
    source.read(pos, meta);
    meta.flip();
    Message message = Message.getRootAsMessage(meta.order(ByteOrder.LITTLE_ENDIAN));
    long bodyStart = pos + length;
    check(bodyStart, message.bodyLength(), "message body");
    bytesRead = Math.max(bytesRead, bodyStart + message.bodyLength());
    return new Msg(message, bodyStart, message.bodyLength());
  }

  /** {@code length} input bytes from {@code pos} in a new native buffer. */
  private ArrowBuf copy(long pos, long length) throws IOException {
    ArrowBuf buf = allocator.buffer(length);
    try {
      for (long done = 0; done < length; done += READ_CHUNK) {
        int n = (int) Math.min(READ_CHUNK, length - done);
        source.read(pos + done, MemoryUtil.directBuffer(buf.memoryAddress() + done, n));
      }
      return buf;
    } catch (IOException | RuntimeException e) {
      buf.close();
      throw e;
    }
  }

  // ---- ArrowReader ----

  @Override
  protected Schema readSchema() throws IOException {
    if (fileFormat) {
      footer = readFooter();
      return footer.getSchema();
    }
    Msg m = readMessage(0);
    if (m == null || m.message.headerType() != MessageHeader.Schema) {
      throw new IOException("an Arrow IPC stream must start with a schema message");
    }
    next = m.end();
    return MessageSerializer.deserializeSchema(m.message);
  }

  private ArrowFooter readFooter() throws IOException {
    long size = source.size();
    long minimum = 2L * MAGIC_LENGTH + 2 + 4;
    if (size < minimum) {
      throw new IOException(size + " bytes is too short for an Arrow IPC file");
    }
    ByteBuffer tail = ByteBuffer.allocate(4 + MAGIC_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    source.read(size - tail.capacity(), tail);
    if (!ArrowBridge.isIpcFile(java.util.Arrays.copyOfRange(tail.array(), 4, 4 + MAGIC_LENGTH))) {
      throw new IOException("missing the ARROW1 magic at the end of the file");
    }
    int footerLength = tail.getInt(0);
    long footerStart = size - tail.capacity() - footerLength;
    if (footerLength <= 0 || footerStart < MAGIC_LENGTH + 2) {
      throw new IOException("invalid footer length " + footerLength);
    }
    ByteBuffer fb = ByteBuffer.allocate(footerLength);
    source.read(footerStart, fb);
    fb.flip();
    return new ArrowFooter(Footer.getRootAsFooter(fb.order(ByteOrder.LITTLE_ENDIAN)));
  }

  /** The file format loads every dictionary up front, as {@code ArrowFileReader} does. */
  @Override
  protected void initialize() throws IOException {
    super.initialize();
    if (fileFormat) {
      for (ArrowBlock block : footer.getDictionaries()) {
        Msg m = readMessage(block.getOffset());
        if (m == null || m.message.headerType() != MessageHeader.DictionaryBatch) {
          throw new IOException("the footer's dictionary block at byte " + block.getOffset() + " is not a dictionary batch");
        }
        loadDictionaryMessage(m);
      }
    }
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    Msg m;
    if (fileFormat) {
      List<ArrowBlock> blocks = footer.getRecordBatches();
      if (nextBlock >= blocks.size()) {
        return false;
      }
      m = readMessage(blocks.get(nextBlock++).getOffset());
      if (m == null || m.message.headerType() != MessageHeader.RecordBatch) {
        throw new IOException("the footer's record batch block " + (nextBlock - 1) + " is not a record batch");
      }
    } else {
      while (true) {
        m = readMessage(next);
        if (m == null) {
          return false;
        }
        next = m.end();
        if (m.message.headerType() == MessageHeader.RecordBatch) {
          break;
        }
        if (m.message.headerType() != MessageHeader.DictionaryBatch) {
          throw new IOException("unexpected message type " + m.message.headerType() + " in an Arrow IPC stream");
        }
        loadDictionaryMessage(m);
      }
    }
    loadRecordBatch(recordBatch(m));
    return true;
  }

  private void loadDictionaryMessage(Msg m) throws IOException {
    try (ArrowBuf body = copy(m.bodyStart, m.bodyLength)) {
      loadDictionary(MessageSerializer.deserializeDictionaryBatch(m.message, body));
    }
  }

  /** The batch of record batch message {@code m}, one allocation per buffer when possible. */
  private ArrowRecordBatch recordBatch(Msg m) throws IOException {
    RecordBatch rb = (RecordBatch) m.message.header(new RecordBatch());
    if (rb == null) {
      throw new IOException("a record batch message without its header");
    }
    if (rb.compression() != null) {
      // As Arrow Java's readers: the body's own reference is not released here, because
      // decompressing each buffer in ArrowReader.loadRecordBatch releases it once more.
      return MessageSerializer.deserializeRecordBatch(rb, copy(m.bodyStart, m.bodyLength));
    }
    if (rb.variadicBufferCountsLength() > 0) {
      try (ArrowBuf body = copy(m.bodyStart, m.bodyLength)) {
        return MessageSerializer.deserializeRecordBatch(rb, body);
      }
    }
    if (rb.length() < 0 || rb.length() > Integer.MAX_VALUE) {
      throw new IOException("invalid record batch length " + rb.length());
    }
    List<ArrowFieldNode> nodes = new ArrayList<>(rb.nodesLength());
    for (int i = 0; i < rb.nodesLength(); i++) {
      FieldNode n = rb.nodes(i);
      nodes.add(new ArrowFieldNode(n.length(), n.nullCount()));
    }
    List<ArrowBuf> buffers = new ArrayList<>(rb.buffersLength());
    try {
      for (int i = 0; i < rb.buffersLength(); i++) {
        Buffer b = rb.buffers(i);
        if (b.offset() < 0 || b.length() < 0 || b.offset() + b.length() > m.bodyLength) {
          throw new IOException("buffer " + i + " (" + b.length() + " bytes at " + b.offset()
              + ") lies outside the " + m.bodyLength + "-byte message body");
        }
        buffers.add(copy(m.bodyStart + b.offset(), b.length()));
      }
      return new ArrowRecordBatch((int) rb.length(), nodes, buffers);  // retains the buffers
    } finally {
      buffers.forEach(ArrowBuf::close);
    }
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  protected void closeReadSource() throws IOException {
    source.close();
  }
}
